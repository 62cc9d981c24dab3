#include "paired/train_job.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <numeric>
#include <random>
#include <sstream>

#include <unistd.h>

#include "core/build_info.h"
#include "core/config.h"
#include "core/csv_reader.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "envs/level_metrics.h"
#include "envs/level_render.h"
#include "envs/maze_catalog.h"
#include "nn/device.h"
#include "paired/eval_job.h"
#include "paired/ued_runner.h"
#include "report/figure.h"
#include "report/html_report.h"
#include "report/image.h"
#include "report/metrics_log.h"
#include "report/progress.h"
#include "report/table.h"

namespace advlab::paired {
namespace fs = std::filesystem;

const std::vector<std::string> kMetricColumns = {"update",
                                                 "env_steps",
                                                 "student_updates",
                                                 "replay",
                                                 "protagonist_return",
                                                 "protagonist_solved_rate",
                                                 "protagonist_episode_length",
                                                 "protagonist_level_solved_rate",
                                                 "antagonist_return",
                                                 "antagonist_solved_rate",
                                                 "antagonist_level_solved_rate",
                                                 "regret",
                                                 "teacher_reward",
                                                 "level_walls",
                                                 "level_passable",
                                                 "level_shortest_path",
                                                 "level_solved_path",
                                                 "entropy",
                                                 "policy_loss",
                                                 "value_loss",
                                                 "approx_kl",
                                                 "clipfrac",
                                                 "explained_variance",
                                                 "antagonist_entropy",
                                                 "antagonist_policy_loss",
                                                 "antagonist_value_loss",
                                                 "antagonist_approx_kl",
                                                 "teacher_entropy",
                                                 "teacher_policy_loss",
                                                 "teacher_value_loss",
                                                 "replay_share",
                                                 "buffer_size",
                                                 "buffer_mean_score",
                                                 "buffer_max_score",
                                                 "buffer_mean_staleness",
                                                 "buffer_passable_mass",
                                                 "buffer_weighted_generation",
                                                 "buffer_walls",
                                                 "buffer_passable",
                                                 "buffer_shortest_path",
                                                 "edited_levels",
                                                 "admitted_levels",
                                                 "children_solved_rate",
                                                 "sps",
                                                 "wall_seconds"};

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One metrics.csv row, in kMetricColumns order; NaN where a learner or the
// buffer is absent or did not act this iteration.
std::vector<double> MetricRow(const IterationResult& r, const UedRunner& runner,
                              double wall_seconds) {
  const bool antagonist = runner.has_antagonist(), buffer = runner.buffer() != nullptr;
  auto a = [&](double v) { return antagonist ? v : kNaN; };
  auto learned = [&](double v) { return r.students_learned ? v : kNaN; };
  auto a_learned = [&](double v) { return antagonist && r.students_learned ? v : kNaN; };
  auto t_learned = [&](double v) { return r.teacher_learned ? v : kNaN; };
  auto b = [&](double v) { return buffer ? v : kNaN; };
  const rl::PpoStats& ps = r.protagonist_ppo;
  const rl::PpoStats& as = r.antagonist_ppo;
  const rl::PpoStats& ts = r.teacher_ppo;
  const LevelBufferStats& bs = r.buffer;
  const double updates = runner.next_update();
  return {static_cast<double>(r.update),
          static_cast<double>(runner.env_steps()),
          static_cast<double>(runner.student_updates()),
          r.replay ? 1.0 : 0.0,
          r.protagonist.MeanEpisodeReturn(),
          r.protagonist.SolvedRate(),
          r.protagonist.MeanEpisodeLength(),
          r.protagonist.LevelSolvedRate(),
          a(r.antagonist.MeanEpisodeReturn()),
          a(r.antagonist.SolvedRate()),
          a(r.antagonist.LevelSolvedRate()),
          r.regret,
          r.teacher_reward,
          r.levels.walls,
          r.levels.passable,
          r.levels.shortest_path,
          r.levels.solved_path,
          learned(ps.entropy),
          learned(ps.policy_loss),
          learned(ps.value_loss),
          learned(ps.approx_kl),
          learned(ps.clip_fraction),
          learned(ps.explained_variance),
          a_learned(as.entropy),
          a_learned(as.policy_loss),
          a_learned(as.value_loss),
          a_learned(as.approx_kl),
          t_learned(ts.entropy),
          t_learned(ts.policy_loss),
          t_learned(ts.value_loss),
          b(runner.replay_iterations() / updates),
          b(bs.size),
          b(bs.size ? bs.mean_score : kNaN),
          b(bs.size ? bs.max_score : kNaN),
          b(bs.size ? bs.mean_staleness : kNaN),
          b(bs.size ? bs.passable_mass : kNaN),
          b(bs.size ? bs.weighted_generation : kNaN),
          b(bs.size ? bs.walls : kNaN),
          b(bs.size ? bs.passable : kNaN),
          b(bs.size ? bs.shortest_path : kNaN),
          b(r.edited),
          b(r.admitted),
          r.edited ? r.children_solved_rate : kNaN,
          r.env_steps / r.seconds,
          wall_seconds};
}

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
  students.key = "inside right bottom opaque box";
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

  report::Figure complexity = figure("Emergent complexity of the training levels", "value");
  complexity.series = {series("level_walls", "walls (NumBlocks)", "#8c564b"),
                       series("level_shortest_path", "shortest path (passable levels)", "#2ca02c"),
                       series("level_solved_path", "solved path length", "#9467bd")};
  report::Figure passable = figure("Passable levels", "fraction");
  passable.y_range = {0, 1.05};
  passable.series = {
      series("level_passable", "passable fraction", "#17becf"),
      series("protagonist_level_solved_rate", "levels solved by the protagonist", "#1f77b4")};

  report::Figure diagnostics = figure("PPO diagnostics (protagonist)", "value");
  diagnostics.series = {
      series("entropy", "entropy", "#2ca02c"), series("value_loss", "value loss", "#9467bd"),
      series("approx_kl", "approx KL", "#8c564b"), series("clipfrac", "clip fraction", "#e377c2")};
  std::vector<std::pair<std::string, report::Figure>> figures = {{"students", students},
                                                                 {"complexity", complexity},
                                                                 {"passable", passable},
                                                                 {"ppo_diagnostics", diagnostics}};
  if (buffer) {
    report::Figure replay = figure("Level buffer (protagonist)", "value");
    replay.series = {series("buffer_mean_score", "mean score", "#1f77b4"),
                     series("buffer_max_score", "max score", "#1f77b4", true),
                     series("buffer_passable_mass", "replay mass on passable levels", "#2ca02c"),
                     series("replay_share", "share of replay iterations", "#7f7f7f", true)};
    figures.emplace_back("buffer", replay);
    report::Figure buffer_levels = figure("Complexity of the buffer's levels", "value");
    buffer_levels.series = {
        series("buffer_walls", "walls (NumBlocks)", "#8c564b"),
        series("buffer_shortest_path", "shortest path (passable levels)", "#2ca02c"),
        series("buffer_weighted_generation", "replay-weighted edit generation", "#9467bd")};
    figures.emplace_back("buffer_complexity", buffer_levels);
  }
  if (teacher) {
    report::Figure reward = figure("Teacher reward", "value");
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

// The levels the protagonist played this iteration, with how it did.
void PlayedGallery(const UedRunner& runner, const fs::path& png) {
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
void BufferGallery(const LevelBuffer& buffer, const fs::path& png) {
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

std::string NumberedName(const char* prefix, int update, const char* suffix) {
  char name[64];
  std::snprintf(name, sizeof(name), "%s%06d%s", prefix, update, suffix);
  return name;
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

}  // namespace

void CheckTrainingInputs(const TrainOptions& options) {
  nn::ResolveDevice(options.device);
  std::mt19937_64 rng(0);
  for (const std::string& maze : options.eval_mazes) {
    try {
      envs::LoadMaze(maze, ProjectHome() / "envs" / "mazes", rng);
    } catch (const InputError& e) {
      throw InputError(std::string("eval.mazes: ") + e.what());
    }
  }
  // A rollout keeps about 90 numbers per step and world (observation,
  // action, value, reward, GAE), and the PPO unroll the recurrent
  // activations of every step: refuse what cannot fit, before the run starts.
  const StudentNetOptions& net = options.student;
  const double per_step =
      4.0 * (90 + 2.0 * (net.conv_channels * 9 + 8 * net.hidden + 4 * net.head));
  const double students = UsesAntagonist(options.method) ? 2 : 1;
  const double bytes = per_step * options.ppo.worlds * options.ppo.steps * students;
  const double memory = static_cast<double>(sysconf(_SC_PHYS_PAGES)) * sysconf(_SC_PAGE_SIZE);
  if (memory > 0 && bytes > 0.8 * memory) {
    char text[160];
    std::snprintf(text, sizeof(text),
                  "ppo.worlds x ppo.steps = %d x %d needs about %.0f GiB for rollouts and "
                  "updates; this machine has %.0f GiB",
                  options.ppo.worlds, options.ppo.steps, bytes / (1 << 30), memory / (1 << 30));
    throw InputError(text);
  }
}

TrainSummary RunTraining(const TrainOptions& options, const fs::path& run_dir, bool resume) {
  auto started = std::chrono::steady_clock::now();
  UedRunner runner(options, nn::ResolveDevice(options.device));

  TrainSummary summary;
  const fs::path metrics_path = run_dir / "metrics.csv";
  const fs::path baseline_path = run_dir / "baseline.csv";
  const fs::path checkpoints = run_dir / "checkpoints";
  fs::create_directories(checkpoints);
  if (resume) {
    runner.Load(checkpoints / "latest.pt");
    summary.first_update = runner.next_update();
    report::MetricsLog::TruncateAfter(metrics_path, summary.first_update - 1);
    core::CsvTable baseline = core::ReadCsv(baseline_path);
    summary.random_solved_rate = baseline.Number(baseline.rows.at(0), "solved_rate");
  } else {
    LevelReturns random = runner.RandomBaseline();
    summary.random_solved_rate = random.SolvedRate();
    report::Table baseline(
        {"policy", "episodes", "solved_rate", "episode_return", "episode_length"});
    baseline.AddRow({"uniform random", std::to_string(random.Episodes()),
                     report::Table::Num(random.SolvedRate()),
                     report::Table::Num(random.MeanEpisodeReturn()),
                     report::Table::Num(random.MeanEpisodeLength())});
    baseline.WriteCsv(baseline_path);
  }

  report::MetricsLog log(metrics_path, kMetricColumns);
  report::Progress progress("paired " + UedMethodName(options.method),
                            options.updates - summary.first_update);
  for (int update = summary.first_update; update < options.updates; ++update) {
    if (options.max_env_steps > 0 && runner.env_steps() >= options.max_env_steps) break;
    IterationResult result = runner.Iterate();
    log.Append(MetricRow(
        result, runner,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()));
    progress.Advance();

    // A signal ends the run here, after a checkpoint, so --resume carries on.
    summary.interrupted = core::InterruptRequested();
    const bool last = update + 1 == options.updates || summary.interrupted ||
                      (options.max_env_steps > 0 && runner.env_steps() >= options.max_env_steps);
    if (options.gallery_every > 0 && (update % options.gallery_every == 0 || last)) {
      PlayedGallery(runner, run_dir / "figures" / NumberedName("levels_update_", update, ".png"));
      if (runner.buffer()) {
        BufferGallery(*runner.buffer(),
                      run_dir / "figures" / NumberedName("buffer_update_", update, ".png"));
      }
    }
    if ((update + 1) % options.checkpoint_every == 0 || last) {
      // Numbered first, then copied and renamed: latest.pt is always whole.
      fs::path numbered = checkpoints / NumberedName("update_", update + 1, ".pt");
      runner.Save(numbered);
      fs::path tmp = checkpoints / "latest.pt.tmp";
      fs::copy_file(numbered, tmp, fs::copy_options::overwrite_existing);
      fs::rename(tmp, checkpoints / "latest.pt");
    }
    if (last) break;
  }
  progress.Finish();
  summary.last_update = runner.next_update() - 1;

  core::CsvTable table = core::ReadCsv(metrics_path);
  size_t tail = std::max<size_t>(1, table.rows.size() / 10);
  for (size_t i = table.rows.size() - tail; i < table.rows.size(); ++i) {
    summary.final_solved_rate += table.Number(table.rows[i], "protagonist_solved_rate") / tail;
  }
  std::string figure_error;
  report::RenderFigures(Curves(metrics_path, summary.random_solved_rate, runner.has_antagonist(),
                               runner.has_teacher(), runner.buffer() != nullptr),
                        run_dir / "figures", &figure_error);

  report::RunReport doc;
  const std::string method = UedMethodName(options.method);
  doc.title = "UED training: " + method;
  report::ReportSection& curves = doc.sections.emplace_back();
  curves.title = method + ": learning curves";
  std::ostringstream text;
  text << runner.next_update() << " updates of " << options.ppo.worlds << " worlds x "
       << options.ppo.steps << " steps on " << options.levels.size << "x" << options.levels.size
       << " levels (" << LevelSourceText(options, runner) << "); " << runner.env_steps()
       << " protagonist steps, " << runner.student_updates()
       << " student PPO updates. Protagonist solved rate over the last " << tail
       << " updates: " << report::Table::Num(summary.final_solved_rate)
       << "; a uniformly random policy solves " << report::Table::Num(summary.random_solved_rate)
       << " of its episodes on domain-randomised levels (baseline.csv).";
  if (summary.interrupted) {
    text << " Interrupted after update " << summary.last_update << " of " << options.updates
         << " (checkpoints/latest.pt); `advlab paired --resume` continues it.";
  }
  curves.Text(text.str());
  curves.FigureSvg("figures/students.svg").FigureSvg("figures/complexity.svg");
  curves.FigureSvg("figures/passable.svg");
  if (runner.buffer()) {
    curves.FigureSvg("figures/buffer.svg").FigureSvg("figures/buffer_complexity.svg");
  }
  if (runner.has_teacher()) curves.FigureSvg("figures/teacher_reward.svg");
  curves.FigureSvg("figures/ppo_diagnostics.svg");
  curves.TableCsv("baseline.csv", "Random-policy baseline");
  if (!figure_error.empty()) curves.Text("Figures could not be rendered: " + figure_error);
  report::ReportSection& galleries = doc.sections.emplace_back();
  galleries.title = method + ": training levels";
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
  if (options.eval_episodes > 0 && !summary.interrupted) {
    report::ReportSection& eval = doc.sections.emplace_back();
    eval.title = method + ": zero-shot evaluation of the protagonist";
    eval.Text(std::to_string(options.eval_episodes) +
              " episodes per held-out maze, sampled actions; published numbers beside.");
    summary.interrupted =
        EvaluateAndWrite(runner.protagonist().net(), options.eval_mazes, options.eval_episodes,
                         options.seed, ProjectHome() / "envs" / "mazes", run_dir, &eval)
            .interrupted();
  }
  report::WriteRunReport(doc, run_dir);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace advlab::paired
