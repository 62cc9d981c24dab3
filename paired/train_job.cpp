#include "paired/train_job.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <sstream>

#include "envs/generators.h"
#include "envs/level_metrics.h"
#include "envs/level_render.h"
#include "paired/checkpoint.h"
#include "paired/student_agent.h"
#include "report/config.h"
#include "report/csv_reader.h"
#include "report/error.h"
#include "report/figure.h"
#include "report/html_report.h"
#include "report/image.h"
#include "report/metrics_log.h"
#include "report/progress.h"
#include "report/table.h"

namespace advlab::paired {
namespace fs = std::filesystem;

const std::vector<std::string> kMetricColumns = {
    "update", "env_steps", "episodes", "episode_return", "episode_length", "solved_rate",
    "level_solved_rate", "entropy", "policy_loss", "value_loss", "approx_kl", "clipfrac",
    "explained_variance", "level_walls", "level_passable", "level_shortest_path", "sps",
    "wall_seconds"};

std::string FormatStudentNetOptions(const StudentNetOptions& o) {
  std::ostringstream text;
  text << "student:\n  conv_channels: " << o.conv_channels << "\n  direction_embed: "
       << o.direction_embed << "\n  recurrent: " << o.recurrent << "\n  hidden: " << o.hidden
       << "\n  head: " << o.head << "\n  actions: " << o.actions << "\n";
  return text.str();
}

StudentNetOptions ParseStudentNetOptions(const std::string& yaml, const std::string& source) {
  report::Config config = report::Config::FromString(yaml, source);
  StudentNetOptions options = ReadStudentNetOptions(config, "student");
  config.RejectUnknownKeys();
  return options;
}

namespace {

std::string RngState(const std::mt19937_64& rng) {
  std::ostringstream out;
  out << rng;
  return out.str();
}

void SetRngState(std::mt19937_64& rng, const std::string& state) {
  std::istringstream in(state);
  in >> rng;
}

void FillLevels(envs::LevelBatch& levels, const LevelSettings& settings, std::mt19937_64& rng,
                std::vector<envs::Level>* drawn) {
  envs::DomainRandomizationSettings dr;
  dr.size = settings.size;
  dr.walls = settings.walls;
  dr.uniform_walls = settings.uniform_walls;
  dr.max_steps = settings.max_steps;
  drawn->clear();
  for (int i = 0; i < levels.count(); ++i) {
    drawn->push_back(envs::DomainRandomization(dr, rng));
    levels.Set(i, drawn->back());
  }
}

fs::path CheckpointPath(const fs::path& run_dir, int update) {
  char name[32];
  std::snprintf(name, sizeof(name), "update_%06d.pt", update);
  return run_dir / "checkpoints" / name;
}

void SaveCheckpoint(StudentAgent& student, const std::mt19937_64& level_rng, int next_update,
                    const TrainOptions& options, const fs::path& run_dir) {
  CheckpointWriter writer;
  writer.Integer("next_update", next_update);
  writer.Module("student/net", *student.net());
  writer.Optimizer("student/optimizer", student.optimizer());
  writer.Generator("student/generator", student.generator());
  writer.Text("levels/rng", RngState(level_rng));
  writer.Text("student/options", FormatStudentNetOptions(options.student));
  fs::create_directories(run_dir / "checkpoints");
  fs::path numbered = CheckpointPath(run_dir, next_update);
  writer.Save(numbered);
  fs::path latest = run_dir / "checkpoints" / "latest.pt";
  fs::path tmp = latest;
  tmp += ".tmp";
  fs::copy_file(numbered, tmp, fs::copy_options::overwrite_existing);
  fs::rename(tmp, latest);
}

// Learning curves from metrics.csv (the whole run, resumed parts included).
std::vector<std::pair<std::string, report::Figure>> Curves(const fs::path& metrics,
                                                           double random_solved_rate) {
  report::CsvTable table = report::ReadCsv(metrics);
  auto column = [&](const std::string& name) {
    std::vector<double> values;
    for (const auto& row : table.rows) values.push_back(table.Number(row, name));
    return values;
  };
  std::vector<double> steps = column("env_steps");
  auto series = [&](const std::string& name, const std::string& title, const std::string& colour) {
    report::Series s;
    s.kind = report::Series::Kind::kLine;
    s.title = title;
    s.color = colour;
    s.x = steps;
    s.y = column(name);
    return s;
  };
  report::Figure solved;
  solved.title = "Student on domain-randomised levels";
  solved.x_label = "student environment steps";
  solved.y_label = "rate / return";
  solved.key = "inside right bottom opaque box";
  solved.series = {series("solved_rate", "solved rate (episodes)", "#1f77b4"),
                   series("episode_return", "mean episode return", "#ff7f0e")};
  solved.lines.push_back({false, random_solved_rate, "random policy solved rate", "#d62728"});
  solved.y_range = {0, 1};

  report::Figure losses;
  losses.title = "PPO diagnostics";
  losses.x_label = "student environment steps";
  losses.y_label = "value";
  losses.series = {series("entropy", "entropy", "#2ca02c"),
                   series("value_loss", "value loss", "#9467bd"),
                   series("approx_kl", "approx KL", "#8c564b"),
                   series("clipfrac", "clip fraction", "#e377c2")};

  report::Figure length;
  length.title = "Episode length";
  length.x_label = "student environment steps";
  length.y_label = "steps";
  length.series = {series("episode_length", "mean episode length", "#17becf")};
  return {{"solved_rate", solved}, {"ppo_diagnostics", losses}, {"episode_length", length}};
}

}  // namespace

TrainSummary RunTraining(const TrainOptions& options, const fs::path& run_dir, bool resume) {
  auto started = std::chrono::steady_clock::now();
  const torch::Device device(options.device);
  if (device.is_cuda() && !torch::cuda::is_available()) {
    throw InputError("device: cuda requested but LibTorch sees no CUDA device");
  }
  // The global generator initialises the weights; everything after uses the agent's own.
  torch::manual_seed(options.seed);
  envs::LevelBatch levels(options.ppo.worlds, options.levels.size, options.levels.size);
  StudentAgent student(&levels, options.student, options.ppo, options.seed, device);
  std::mt19937_64 level_rng(options.seed * 7919 + 17);

  TrainSummary summary;
  fs::path metrics_path = run_dir / "metrics.csv";
  fs::path baseline_path = run_dir / "baseline.csv";
  std::vector<envs::Level> drawn;
  if (resume) {
    CheckpointReader reader(run_dir / "checkpoints" / "latest.pt");
    summary.first_update = static_cast<int>(reader.Integer("next_update"));
    reader.Module("student/net", *student.net());
    reader.Optimizer("student/optimizer", student.optimizer());
    reader.Generator("student/generator", student.generator());
    SetRngState(level_rng, reader.Text("levels/rng"));
    report::MetricsLog::TruncateAfter(metrics_path, summary.first_update - 1);
    report::CsvTable baseline = report::ReadCsv(baseline_path);
    summary.random_solved_rate = baseline.Number(baseline.rows.at(0), "solved_rate");
  } else {
    // The random baseline draws its own levels so the training stream is untouched.
    std::mt19937_64 baseline_rng(options.seed * 104729 + 3);
    FillLevels(levels, options.levels, baseline_rng, &drawn);
    LevelReturns random = student.Collect(/*uniform=*/true);
    summary.random_solved_rate = random.SolvedRate();
    report::Table baseline({"policy", "episodes", "solved_rate", "episode_return", "episode_length"});
    baseline.AddRow({"uniform random", std::to_string(random.Episodes()),
                     report::Table::Num(random.SolvedRate()),
                     report::Table::Num(random.MeanEpisodeReturn()),
                     report::Table::Num(random.MeanEpisodeLength())});
    baseline.WriteCsv(baseline_path);
    // Sampling the baseline advanced the student's generator; restart it so
    // a resumed run and a fresh one share one stream from update 0.
    student.generator().set_current_seed(options.seed);
  }

  report::MetricsLog log(metrics_path, kMetricColumns);
  report::Progress progress("paired " + options.method, options.updates - summary.first_update);
  const double steps_per_update = static_cast<double>(options.ppo.worlds) * options.ppo.steps;
  for (int update = summary.first_update; update < options.updates; ++update) {
    auto t0 = std::chrono::steady_clock::now();
    FillLevels(levels, options.levels, level_rng, &drawn);
    LevelReturns returns = student.Collect();
    PpoStats stats = student.Update();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    double walls = 0, passable = 0, path = 0;
    int level_solved = 0;
    for (int i = 0; i < levels.count(); ++i) {
      envs::LevelMetrics m = envs::ComputeMetrics(drawn[i]);
      walls += m.walls;
      passable += m.passable;
      if (m.passable) path += m.shortest_path;
      level_solved += returns.solved[i] > 0;
    }
    const double n = levels.count();
    log.Append({static_cast<double>(update), (update + 1) * steps_per_update,
                static_cast<double>(returns.Episodes()), returns.MeanEpisodeReturn(),
                returns.MeanEpisodeLength(), returns.SolvedRate(), level_solved / n,
                stats.entropy, stats.policy_loss, stats.value_loss, stats.approx_kl,
                stats.clip_fraction, stats.explained_variance, walls / n, passable / n,
                passable > 0 ? path / passable : 0, steps_per_update / seconds,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()});
    progress.Advance();

    const bool last = update + 1 == options.updates;
    if (options.gallery_every > 0 && (update % options.gallery_every == 0 || last)) {
      std::vector<envs::Level> shown(drawn.begin(), drawn.begin() + std::min<size_t>(drawn.size(), 12));
      std::vector<std::vector<std::string>> captions;
      for (size_t i = 0; i < shown.size(); ++i) {
        envs::LevelMetrics m = envs::ComputeMetrics(shown[i]);
        captions.push_back({"walls " + std::to_string(m.walls) + " path " +
                                (m.passable ? std::to_string(m.shortest_path) : std::string("none")),
                            "solved " + std::to_string(returns.solved[i]) + "/" +
                                std::to_string(returns.episodes[i])});
      }
      char name[48];
      std::snprintf(name, sizeof(name), "levels_update_%06d.png", update);
      report::WritePng(run_dir / "figures" / name, envs::RenderGallery(shown, captions, 6, 150));
    }
    if ((update + 1) % options.checkpoint_every == 0 || last) {
      SaveCheckpoint(student, level_rng, update + 1, options, run_dir);
    }
  }
  progress.Finish();
  summary.last_update = options.updates - 1;

  // Summary, figures and report from the whole metrics log.
  report::CsvTable table = report::ReadCsv(metrics_path);
  size_t tail = std::max<size_t>(1, table.rows.size() / 10);
  for (size_t i = table.rows.size() - tail; i < table.rows.size(); ++i) {
    summary.final_solved_rate += table.Number(table.rows[i], "solved_rate") / tail;
  }
  std::string figure_error;
  report::RenderFigures(Curves(metrics_path, summary.random_solved_rate), run_dir / "figures",
                        &figure_error);
  report::RunReport doc;
  doc.title = "Student training (" + options.method + ")";
  report::ReportSection& section = doc.sections.emplace_back();
  section.title = "Learning curve";
  char text[512];
  std::snprintf(text, sizeof(text),
                "%d updates of %d worlds x %d steps on %dx%d levels with %s%d walls. Solved rate "
                "over the last %zu updates: %.3f; a uniformly random policy solves %.3f of its "
                "episodes on the same kind of levels (baseline.csv).",
                options.updates, options.ppo.worlds, options.ppo.steps, options.levels.size,
                options.levels.size, options.levels.uniform_walls ? "0 to " : "",
                options.levels.walls, tail, summary.final_solved_rate, summary.random_solved_rate);
  section.Text(text);
  section.FigureSvg("figures/solved_rate.svg").FigureSvg("figures/episode_length.svg");
  section.FigureSvg("figures/ppo_diagnostics.svg");
  section.TableCsv("baseline.csv", "Random-policy baseline");
  if (!figure_error.empty()) section.Text("Figures could not be rendered: " + figure_error);
  report::ReportSection& galleries = doc.sections.emplace_back();
  galleries.title = "Training levels";
  std::vector<fs::path> pngs;
  for (const auto& entry : fs::directory_iterator(run_dir / "figures")) {
    if (entry.path().filename().string().rfind("levels_update_", 0) == 0) pngs.push_back(entry.path());
  }
  std::sort(pngs.begin(), pngs.end());
  for (const fs::path& png : pngs) {
    galleries.ImagePng("figures/" + png.filename().string(), png.stem().string());
  }
  report::WriteRunReport(doc, run_dir);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace advlab::paired
