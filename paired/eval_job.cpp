#include "paired/eval_job.h"

#include <cmath>

#include "paired/student_net.h"

#include "core/binomial.h"
#include "distributed/collective.h"
#include "envs/level_render.h"
#include "nn/checkpoint.h"
#include "paired/evaluation.h"
#include "paired/published_results.h"
#include "paired/ued_checkpoint.h"
#include "report/figure.h"
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
                             const std::string& prefix, distributed::Collective* group) {
  std::vector<MazeResult> results = EvaluateZeroShot(net, mazes, episodes, seed, maze_dir, group);
  fs::create_directories(dir / "trajectories");
  fs::create_directories(dir / "figures");
  std::vector<std::string> header = {"maze",           "episodes",        "solve_rate",
                                     "solve_rate_low", "solve_rate_high", "mean_return",
                                     "mean_steps"};
  for (const std::string& column : PublishedColumns()) header.push_back("published_" + column);
  report::Table table(header);
  section->TableCsv(prefix + "eval.csv")
      .Columns({{"episodes", "evaluation episodes on the maze (one each in parallel worlds)"},
                {"solve_rate", "episodes that reached the goal within the maze's step limit"},
                {"solve_rate_low, _high", "its 95% Wilson interval"},
                {"mean_return", "mean episode return (1 - 0.9 steps / limit when solved)"},
                {"mean_steps", "mean episode length"},
                {"published_<method>_<budget>",
                 "the paper's or dcd's mean solve rate on this "
                 "maze (paired/data/published_solve_rates.csv)"}});
  EvalSummary summary;
  report::BarChart chart;
  report::BarSeries& measured = chart.series.emplace_back();
  measured.title = "this run (95% Wilson)";
  measured.color = "#08519c";
  std::vector<std::pair<std::string, std::string>> trajectories;
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
    chart.categories.push_back(r.maze);
    measured.values.push_back(r.solve_rate);
    measured.low.push_back(interval.low);
    measured.high.push_back(interval.high);
    int px = std::max(4, 320 / std::max(r.level.width, r.level.height));
    report::WritePng(dir / "trajectories" / (r.maze + ".png"),
                     envs::RenderTrajectory(r.level, r.trajectory, px));
    const bool reached = r.trajectory.size() > 1 && r.trajectory.back() == r.level.goal;
    trajectories.emplace_back(prefix + "trajectories/" + r.maze + ".png",
                              r.maze + ": " + (reached ? "solved" : "not solved") + " in " +
                                  std::to_string(r.trajectory.size() - 1) + " moves");
    summary.mean_solve_rate += r.solve_rate / results.size();
  }
  const char* palette[] = {"#fd8d3c", "#74c476", "#9e9ac8", "#969696", "#e377c2"};
  for (const std::string& column : PublishedColumnsOf(method)) {
    report::BarSeries& published = chart.series.emplace_back();
    published.title = "published " + column;
    published.color = palette[(chart.series.size() - 2) % std::size(palette)];
    for (const MazeResult& r : results) {
      published.values.push_back(PublishedSolveRate(column, r.maze));
    }
  }
  report::Figure figure;
  figure.title = "Zero-shot solve rate per held-out maze";
  figure.y_label = "solve rate";
  figure.y_range = std::pair(0.0, 1.0);
  figure.bars = chart;
  std::string figure_error;
  if (!results.empty()) {
    if (report::RenderFigures({{"solve_rates", figure}}, dir / "figures", &figure_error)) {
      section->FigureSvg(prefix + "figures/solve_rates.svg");
    } else {
      section->Text("Figures could not be rendered: " + figure_error);
    }
    section->Text(
        "First episode on each maze: walls dark grey, goal green, the agent's start a red "
        "triangle, its path blue from light (early) to dark (late); the frame is green when the "
        "episode reached the goal and red when it ran out of steps.");
  }
  for (const auto& [png, caption] : trajectories) section->ImagePng(png, caption).Tiled();
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
    // This run's number first: it is the one that varies over seeds.
    lines.emplace_back(
        "mean over the " + std::to_string(p.mazes) + " mazes " + p.column + " covers (published)",
        report::Table::Num(p.run_mean, 3) + " (" + report::Table::Num(p.published_mean, 3) + ")");
  }
  return lines;
}

EvalSummary RunEvaluation(const fs::path& checkpoint, const std::vector<std::string>& mazes,
                          int episodes, uint64_t seed, const fs::path& maze_dir,
                          const fs::path& run_dir, const std::string& agent,
                          distributed::Collective* group) {
  StudentNet net = LoadStudent(checkpoint, agent);
  if (group && group->rank() != 0) {
    EvalSummary summary;
    summary.mazes_requested = static_cast<int>(mazes.size());
    summary.mazes =
        static_cast<int>(EvaluateZeroShot(net, mazes, episodes, seed, maze_dir, group).size());
    return summary;
  }
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
  EvalSummary summary =
      EvaluateAndWrite(net, mazes, episodes, seed, maze_dir, run_dir, &section, "", "", group);
  for (const auto& [label, value] : EvalKeyNumbers(summary)) doc.summary.push_back({label, value});
  if (summary.interrupted()) {
    doc.warnings.push_back("Interrupted: " + std::to_string(summary.mazes) + " of " +
                           std::to_string(summary.mazes_requested) + " mazes were evaluated.");
  }
  report::WriteRunReport(doc, run_dir);
  return summary;
}

}  // namespace advlab::paired
