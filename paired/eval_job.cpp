#include "paired/eval_job.h"

#include <cmath>

#include "paired/student_net.h"

#include "core/binomial.h"
#include "envs/level_render.h"
#include "nn/checkpoint.h"
#include "paired/evaluation.h"
#include "paired/published_results.h"
#include "paired/ued_checkpoint.h"
#include "report/html_report.h"
#include "report/image.h"
#include "report/table.h"

namespace advlab::paired {
namespace fs = std::filesystem;

namespace {

StudentNet LoadStudent(const fs::path& checkpoint, const std::string& agent) {
  nn::CheckpointReader reader(checkpoint);
  StudentNet net(ParseStudentNetOptions(reader.Text(agent + "/options"),
                                        checkpoint.string() + " [" + agent + "/options]"));
  reader.Module(agent + "/net", *net);
  return net;
}

}  // namespace

void CheckCheckpoint(const fs::path& checkpoint, const std::string& agent) {
  LoadStudent(checkpoint, agent);
}

EvalSummary EvaluateAndWrite(StudentNet& net, const std::vector<std::string>& mazes, int episodes,
                             uint64_t seed, const fs::path& maze_dir, const fs::path& dir,
                             report::ReportSection* section, const std::string& method,
                             const std::string& prefix) {
  std::vector<MazeResult> results = EvaluateZeroShot(net, mazes, episodes, seed, maze_dir);
  fs::create_directories(dir / "trajectories");
  std::vector<std::string> header = {"maze",           "episodes",        "solve_rate",
                                     "solve_rate_low", "solve_rate_high", "mean_return",
                                     "mean_steps"};
  for (const std::string& column : PublishedColumns()) header.push_back("published_" + column);
  report::Table table(header);
  section->TableCsv(prefix + "eval.csv");
  EvalSummary summary;
  for (const MazeResult& r : results) {
    const int solved = static_cast<int>(std::lround(r.solve_rate * r.episodes));
    const core::Interval interval = core::WilsonInterval(solved, r.episodes);
    std::vector<std::string> row = {r.maze,
                                    std::to_string(r.episodes),
                                    report::Table::Num(r.solve_rate, 4),
                                    report::Table::Num(interval.low, 4),
                                    report::Table::Num(interval.high, 4),
                                    report::Table::Num(r.mean_return, 4),
                                    report::Table::Num(r.mean_steps, 5)};
    summary.episodes += r.episodes;
    summary.solved += solved;
    for (const std::string& column : PublishedColumns()) {
      row.push_back(report::Table::Num(PublishedSolveRate(column, r.maze)));
    }
    table.AddRow(row);
    int px = std::max(4, 320 / std::max(r.level.width, r.level.height));
    report::WritePng(dir / "trajectories" / (r.maze + ".png"),
                     envs::RenderTrajectory(r.level, r.trajectory, px));
    section->ImagePng(
        prefix + "trajectories/" + r.maze + ".png",
        r.maze + ": first episode, " + std::to_string(r.trajectory.size() - 1) + " moves");
    summary.mean_solve_rate += r.solve_rate / results.size();
  }
  summary.mazes = static_cast<int>(results.size());
  summary.mazes_requested = static_cast<int>(mazes.size());
  for (const std::string& column : PublishedColumnsOf(method)) {
    EvalSummary::Published p{column};
    for (const MazeResult& r : results) {
      const double rate = PublishedSolveRate(column, r.maze);
      if (std::isnan(rate)) continue;
      p.published_mean += rate;
      p.run_mean += r.solve_rate;
      ++p.mazes;
    }
    if (p.mazes == 0) continue;
    p.published_mean /= p.mazes;
    p.run_mean /= p.mazes;
    summary.published.push_back(p);
  }
  if (summary.interrupted()) {
    section->Text("Interrupted: " + std::to_string(summary.mazes) + " of " +
                  std::to_string(summary.mazes_requested) + " mazes were evaluated.");
  }
  table.WriteCsv(dir / "eval.csv");
  return summary;
}

std::vector<std::pair<std::string, std::string>> EvalKeyNumbers(const EvalSummary& summary) {
  std::vector<std::pair<std::string, std::string>> lines;
  if (summary.episodes == 0) return lines;
  const core::Interval pooled = core::WilsonInterval(summary.solved, summary.episodes);
  lines.emplace_back("held-out solve rate (" + std::to_string(summary.mazes) + " mazes, " +
                         std::to_string(summary.episodes) + " episodes; 95% Wilson)",
                     report::Table::Num(static_cast<double>(summary.solved) / summary.episodes, 3) +
                         " [" + report::Table::Num(pooled.low, 3) + ", " +
                         report::Table::Num(pooled.high, 3) + "]");
  lines.emplace_back("mean over mazes", report::Table::Num(summary.mean_solve_rate, 3));
  for (const EvalSummary::Published& p : summary.published) {
    lines.emplace_back(
        "published " + p.column + " on the " + std::to_string(p.mazes) +
            " mazes it covers (this run)",
        report::Table::Num(p.published_mean, 3) + " (" + report::Table::Num(p.run_mean, 3) + ")");
  }
  return lines;
}

EvalSummary RunEvaluation(const fs::path& checkpoint, const std::vector<std::string>& mazes,
                          int episodes, uint64_t seed, const fs::path& maze_dir,
                          const fs::path& run_dir, const std::string& agent) {
  StudentNet net = LoadStudent(checkpoint, agent);
  report::RunReport doc;
  doc.title = "Zero-shot evaluation";
  report::ReportSection& section = doc.sections.emplace_back();
  section.title = "Held-out mazes";
  section.Text(
      "Checkpoint " + checkpoint.string() + " (" + agent + "), " + std::to_string(episodes) +
      " episodes per maze with sampled actions. Published columns: facebookresearch/dcd's "
      "results for DR, minimax, PAIRED, REPAIRED, PLR and PLR-perp with 25 blocks after 250M "
      "steps, and DR, PLR-perp and ACCEL with 0-60 blocks after 20k updates; they come "
      "from far longer "
      "training than a run on this machine.");
  EvalSummary summary = EvaluateAndWrite(net, mazes, episodes, seed, maze_dir, run_dir, &section);
  for (const auto& [label, value] : EvalKeyNumbers(summary)) doc.summary.push_back({label, value});
  if (summary.interrupted()) {
    doc.warnings.push_back("Interrupted: " + std::to_string(summary.mazes) + " of " +
                           std::to_string(summary.mazes_requested) + " mazes were evaluated.");
  }
  report::WriteRunReport(doc, run_dir);
  return summary;
}

}  // namespace advlab::paired
