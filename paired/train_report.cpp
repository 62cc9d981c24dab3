#include "paired/train_report.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <tuple>

#include "core/csv_reader.h"
#include "envs/level_metrics.h"
#include "envs/level_render.h"
#include "paired/level_buffer.h"
#include "paired/ued_runner.h"
#include "report/figure.h"
#include "report/image.h"
#include "report/table.h"

namespace advlab::paired {
namespace fs = std::filesystem;
namespace {

std::vector<std::pair<std::string, report::Figure>> Curves(const fs::path& metrics,
                                                           double random_solved_rate,
                                                           bool antagonist, bool teacher,
                                                           bool buffer) {
  core::CsvTable table = core::ReadCsv(metrics);
  std::vector<double> steps = table.Column("env_steps");
  auto series = [&](const std::string& name, const std::string& title, const std::string& colour,
                    bool dashed = false) {
    report::Series s;
    s.title = title;
    s.color = colour;
    s.dashed = dashed;
    s.x = steps;
    s.y = table.Column(name);
    return s;
  };
  auto figure = [](const std::string& title, const std::string& y) {
    report::Figure f;
    f.title = title;
    f.x_label = "protagonist environment steps";
    f.y_label = y;
    return f;
  };
  report::Figure students = figure("Students on the training levels", "rate / return");
  students.y_range = {0, 1};
  students.series = {series("protagonist_solved_rate", "protagonist solved rate", "#1f77b4"),
                     series("protagonist_return", "protagonist return", "#1f77b4", true)};
  if (antagonist) {
    students.series.push_back(
        series("antagonist_solved_rate", "antagonist solved rate", "#d62728"));
    students.series.push_back(series("antagonist_return", "antagonist return", "#d62728", true));
  }
  students.lines.push_back(
      {false, random_solved_rate, "random policy solved rate (DR levels)", "#7f7f7f"});

  report::Figure complexity =
      figure("Emergent complexity of the training levels", "walls; path length in cells");
  complexity.series = {series("level_walls", "walls (NumBlocks)", "#8c564b"),
                       series("level_shortest_path", "shortest path (passable levels)", "#2ca02c"),
                       series("level_solved_path", "solved path length", "#9467bd")};
  report::Figure passable = figure("Passable levels", "fraction");
  passable.y_range = {0, 1.05};
  passable.series = {
      series("level_passable", "passable fraction", "#17becf"),
      series("protagonist_level_solved_rate", "levels solved by the protagonist", "#1f77b4")};

  std::vector<std::pair<std::string, report::Figure>> figures = {
      {"students", students}, {"complexity", complexity}, {"passable", passable}};
  // One panel per PPO statistic: on a shared axis all but the entropy were flat.
  for (const auto& [column, title, colour] :
       {std::tuple{"entropy", "policy entropy (nats)", "#2ca02c"},
        std::tuple{"value_loss", "value loss", "#9467bd"},
        std::tuple{"approx_kl", "approximate KL", "#8c564b"},
        std::tuple{"clipfrac", "clip fraction", "#e377c2"}}) {
    report::Figure panel = figure(std::string("PPO (protagonist): ") + title, title);
    panel.series = {series(column, title, colour)};
    panel.width = 480;
    panel.height = 320;
    figures.emplace_back(std::string("ppo_") + column, panel);
  }
  if (buffer) {
    report::Figure replay = figure("Level buffer (protagonist)", "score; fraction");
    replay.series = {series("buffer_mean_score", "mean score", "#1f77b4"),
                     series("buffer_max_score", "max score", "#1f77b4", true),
                     series("buffer_passable_mass", "replay mass on passable levels", "#2ca02c"),
                     series("replay_share", "share of replay iterations", "#7f7f7f", true)};
    figures.emplace_back("buffer", replay);
    report::Figure buffer_levels =
        figure("Complexity of the buffer's levels", "walls; path length; generation");
    buffer_levels.series = {
        series("buffer_walls", "walls (NumBlocks)", "#8c564b"),
        series("buffer_shortest_path", "shortest path (passable levels)", "#2ca02c"),
        series("buffer_weighted_generation", "replay-weighted edit generation", "#9467bd")};
    figures.emplace_back("buffer_complexity", buffer_levels);
  }
  if (teacher) {
    report::Figure reward = figure("Teacher reward", "reward per level");
    reward.series = {series("teacher_reward", "teacher reward (regret or -return)", "#ff7f0e")};
    if (antagonist) reward.series.push_back(series("regret", "regret", "#d62728", true));
    figures.emplace_back("teacher_reward", reward);
  }
  return figures;
}

void Gallery(const std::vector<envs::Level>& levels,
             const std::vector<std::vector<std::string>>& captions, const fs::path& png) {
  report::WritePng(png, envs::RenderGallery(levels, captions, 6, 150));
}

std::string LevelCaption(const envs::Level& level) {
  envs::LevelMetrics m = envs::ComputeMetrics(level);
  return "walls " + std::to_string(m.walls) + " path " +
         (m.passable ? std::to_string(m.shortest_path) : std::string("none"));
}

std::string LevelSourceText(const TrainOptions& options, const UedRunner& runner) {
  std::string text = runner.has_teacher()
                         ? "the teacher places the goal, the agent and up to " +
                               std::to_string(options.teacher_world.walls) + " walls"
                         : "random levels with " +
                               std::string(options.levels.uniform_walls ? "0 to " : "") +
                               std::to_string(options.levels.walls) + " walls";
  if (runner.buffer()) {
    text += "; a buffer of " + std::to_string(options.replay.capacity) + " levels scored by " +
            options.score_function + " is replayed with probability " +
            report::Table::Num(options.replay.replay_prob) + " once " +
            report::Table::Num(options.replay.min_fill * 100) + "% full";
    if (TrainsOnlyOnReplay(runner.method())) text += ", and the students learn only on replays";
    if (runner.method() == UedMethod::kAccel) {
      text += "; after each replay " + std::to_string(options.editor.parents) +
              " replayed levels get " + std::to_string(options.editor.num_edits) +
              " random edits each (ACCEL)";
    }
  }
  return text;
}

// The papers train for 250M protagonist steps (25 blocks) or 20k student
// updates; a run far below that is not a replication, and the reader should
// know before comparing with the published columns.
constexpr double kPaperSteps = 250e6;

// What the numbers cannot show at a glance: a budget far below the papers',
// and training levels that did not grow more complex (no curriculum).
std::vector<std::string> TrainingWarnings(const UedRunner& runner, const fs::path& metrics) {
  std::vector<std::string> warnings;
  const double share = static_cast<double>(runner.env_steps()) / kPaperSteps;
  if (share < 0.1) {
    warnings.push_back("Budget: " + std::to_string(runner.env_steps()) + " protagonist steps, " +
                       report::Table::Num(100 * share, 2) +
                       "% of the papers' 250M; the published columns come from far longer "
                       "training.");
  }
  // Complexity of what the students trained on: the teacher's levels, or
  // the buffer's for the replay methods; DR's levels are random by design.
  const char* column =
      runner.buffer() ? "buffer_walls" : (runner.has_teacher() ? "level_walls" : nullptr);
  if (column == nullptr) return warnings;
  const std::vector<double> walls = core::ReadCsv(metrics).Column(column);
  const size_t tenth = std::max<size_t>(1, walls.size() / 10);
  if (walls.size() < 2 * tenth) return warnings;
  auto mean = [&](size_t from, size_t to) {
    double total = 0;
    int count = 0;
    for (size_t i = from; i < to; ++i) {
      if (std::isnan(walls[i])) continue;
      total += walls[i];
      ++count;
    }
    return count ? total / count : NAN;
  };
  const double first = mean(0, tenth), last = mean(walls.size() - tenth, walls.size());
  if (!std::isnan(first) && !std::isnan(last) && last <= first * 1.1 + 0.5) {
    warnings.push_back(std::string("No curriculum emerged: ") + column + " went from " +
                       report::Table::Num(first, 3) + " (first tenth of updates) to " +
                       report::Table::Num(last, 3) + " (last tenth).");
  }
  return warnings;
}

}  // namespace

// The levels the protagonist played this iteration, with how it did.
void WritePlayedGallery(const UedRunner& runner, const fs::path& png) {
  const std::vector<envs::Level>& played = runner.played_levels();
  const LevelReturns& returns = runner.played_returns();
  std::vector<envs::Level> shown;
  std::vector<std::vector<std::string>> captions;
  for (size_t i = 0; i < std::min<size_t>(played.size(), 12); ++i) {
    shown.push_back(played[i]);
    captions.push_back({LevelCaption(played[i]), "solved " + std::to_string(returns.solved[i]) +
                                                     "/" + std::to_string(returns.episodes[i])});
  }
  Gallery(shown, captions, png);
}

// The twelve highest-scoring levels of the buffer.
void WriteBufferGallery(const LevelBuffer& buffer, const fs::path& png) {
  std::vector<int> order(buffer.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return buffer.at(a).score > buffer.at(b).score; });
  std::vector<envs::Level> shown;
  std::vector<std::vector<std::string>> captions;
  char score[64];
  for (size_t k = 0; k < std::min<size_t>(order.size(), 12); ++k) {
    const BufferedLevel& b = buffer.at(order[k]);
    shown.push_back(b.level);
    std::snprintf(score, sizeof(score), "score %.3f gen %d", b.score, b.generation);
    captions.push_back({LevelCaption(b.level), score});
  }
  if (!shown.empty()) Gallery(shown, captions, png);
}

void WriteTrainingReport(const TrainOptions& options, const UedRunner& runner,
                         const TrainSummary& summary, size_t tail,
                         const report::ReportSection* evaluation, const EvalSummary* evaluated,
                         const fs::path& run_dir) {
  std::string figure_error;
  report::RenderFigures(
      Curves(run_dir / "metrics.csv", summary.random_solved_rate, runner.has_antagonist(),
             runner.has_teacher(), runner.buffer() != nullptr),
      run_dir / "figures", &figure_error);

  report::RunReport doc;
  const std::string method = UedMethodName(options.method);
  doc.title = "UED training: " + method;
  doc.summary = {{"updates", std::to_string(runner.next_update())},
                 {"protagonist steps", std::to_string(runner.env_steps())},
                 {"training solved rate, last " + std::to_string(tail) + " updates",
                  report::Table::Num(summary.final_solved_rate, 3)},
                 {"random policy solved rate (95% Wilson)",
                  report::RateWithInterval(summary.random_solved_rate, summary.random_episodes)}};
  if (evaluated) {
    for (const auto& [label, value] : EvalKeyNumbers(*evaluated)) {
      doc.summary.push_back({label, value});
    }
  }
  doc.warnings = TrainingWarnings(runner, run_dir / "metrics.csv");
  doc.seed_curves = {"protagonist_solved_rate", "protagonist_return", "level_shortest_path",
                     "level_walls"};
  if (runner.has_antagonist()) doc.seed_curves.emplace_back("regret");
  report::ReportSection& curves = doc.sections.emplace_back();
  curves.title = "Learning curves";
  std::ostringstream text;
  text << runner.next_update() << " updates of " << options.ppo.worlds << " worlds x "
       << options.ppo.steps << " steps on " << options.levels.size << "x" << options.levels.size
       << " levels (" << LevelSourceText(options, runner) << "); " << runner.env_steps()
       << " protagonist steps, " << runner.student_updates()
       << " student PPO updates. Protagonist solved rate over the last " << tail
       << " updates: " << report::Table::Num(summary.final_solved_rate)
       << "; a uniformly random policy solves " << report::Table::Num(summary.random_solved_rate)
       << " of its episodes on domain-randomised levels (baseline.csv).";
  // With an evaluation the training itself ran to its end.
  if (summary.interrupted && !evaluation) {
    text << " Interrupted after " << summary.last_update + 1 << " of " << options.updates
         << " updates (checkpoints/latest.pt); `advlab paired --resume` continues it.";
  }
  curves.Text(text.str());
  curves.FigureSvg("figures/students.svg").FigureSvg("figures/complexity.svg");
  curves.FigureSvg("figures/passable.svg");
  if (runner.buffer()) {
    curves.FigureSvg("figures/buffer.svg").FigureSvg("figures/buffer_complexity.svg");
  }
  if (runner.has_teacher()) curves.FigureSvg("figures/teacher_reward.svg");
  for (const char* column : {"entropy", "value_loss", "approx_kl", "clipfrac"}) {
    curves.FigureSvg(std::string("figures/ppo_") + column + ".svg").Tiled();
  }
  curves.TableCsv("baseline.csv", "Random-policy baseline")
      .Columns({{"episodes", "episodes of a uniformly random policy on domain-randomised levels"},
                {"solved_rate", "episodes that reached the goal"},
                {"episode_return, episode_length", "means over those episodes"}});
  if (!figure_error.empty()) curves.Text("Figures could not be rendered: " + figure_error);
  report::ReportSection& galleries = doc.sections.emplace_back();
  galleries.title = "Training levels";
  std::vector<fs::path> pngs;
  for (const auto& entry : fs::directory_iterator(run_dir / "figures")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("levels_update_", 0) == 0 || name.rfind("buffer_update_", 0) == 0) {
      pngs.push_back(entry.path());
    }
  }
  std::sort(pngs.begin(), pngs.end());
  for (const fs::path& png : pngs)
    galleries.ImagePng("figures/" + png.filename().string(), png.stem().string());
  if (evaluation) doc.sections.push_back(*evaluation);
  report::WriteRunReport(doc, run_dir);
}

report::ReportSection EvaluationSection(const TrainOptions& options) {
  report::ReportSection eval;
  eval.title = "Zero-shot evaluation of the protagonist";
  eval.Text(std::to_string(options.eval_episodes) +
            " episodes per held-out maze, sampled actions; published numbers beside.");
  return eval;
}

}  // namespace advlab::paired
