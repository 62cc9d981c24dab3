#include "paired/train_job.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <future>
#include <limits>
#include <memory>
#include <random>
#include <sstream>

#include "envs/generators.h"
#include "envs/level_metrics.h"
#include "envs/level_render.h"
#include "nn/checkpoint.h"
#include "nn/device.h"
#include "paired/eval_job.h"
#include "paired/regret.h"
#include "paired/student_agent.h"
#include "paired/teacher_agent.h"
#include "report/build_info.h"
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

const std::vector<std::string> kMetricColumns = {"update",
                                                 "env_steps",
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
                                                 "teacher_entropy",
                                                 "teacher_value_loss",
                                                 "sps",
                                                 "wall_seconds"};

std::string FormatStudentNetOptions(const StudentNetOptions& o) {
  std::ostringstream text;
  text << "student:\n  conv_channels: " << o.conv_channels
       << "\n  direction_embed: " << o.direction_embed << "\n  recurrent: " << o.recurrent
       << "\n  hidden: " << o.hidden << "\n  head: " << o.head << "\n  actions: " << o.actions
       << "\n";
  return text.str();
}

StudentNetOptions ParseStudentNetOptions(const std::string& yaml, const std::string& source) {
  report::Config config = report::Config::FromString(yaml, source);
  StudentNetOptions options = ReadStudentNetOptions(config, "student");
  config.RejectUnknownKeys();
  return options;
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string RngState(const std::mt19937_64& rng) {
  std::ostringstream out;
  out << rng;
  return out.str();
}

void SetRngState(std::mt19937_64& rng, const std::string& state) {
  std::istringstream in(state);
  in >> rng;
}

void FillRandomLevels(envs::LevelBatch& levels, const LevelSettings& settings,
                      std::mt19937_64& rng) {
  envs::DomainRandomizationSettings dr;
  dr.size = settings.size;
  dr.walls = settings.walls;
  dr.uniform_walls = settings.uniform_walls;
  dr.max_steps = settings.max_steps;
  for (int i = 0; i < levels.count(); ++i) levels.Set(i, envs::DomainRandomization(dr, rng));
}

// The three learners of a UED run; DR and minimax have no antagonist, DR no teacher.
struct Learners {
  UedMethod method;
  StudentAgent protagonist;
  std::unique_ptr<StudentAgent> antagonist;
  std::unique_ptr<TeacherAgent> teacher;
  std::mt19937_64 level_rng;  // DR levels

  Learners(const TrainOptions& options, envs::LevelBatch* levels, torch::Device device)
      : method(UedMethodFromName(options.method)),
        protagonist(levels, options.student, options.ppo, options.seed, device),
        level_rng(options.seed * 7919 + 17) {
    if (UsesAntagonist(method)) {
      antagonist = std::make_unique<StudentAgent>(levels, options.student, options.ppo,
                                                  options.seed + 1, device);
    }
    if (method != UedMethod::kDomainRandomization) {
      teacher = std::make_unique<TeacherAgent>(levels, options.teacher_net, options.teacher_world,
                                               options.teacher_ppo, options.seed + 2, device);
    }
  }

  void Save(const fs::path& path, int next_update, const TrainOptions& options) {
    nn::CheckpointWriter writer;
    writer.Integer("next_update", next_update);
    writer.Text("levels/rng", RngState(level_rng));
    auto student = [&](const std::string& name, StudentAgent& agent) {
      writer.Module(name + "/net", *agent.net());
      writer.Optimizer(name + "/optimizer", agent.optimizer());
      writer.Generator(name + "/generator", agent.generator());
      writer.Text(name + "/options", FormatStudentNetOptions(options.student));
    };
    student("protagonist", protagonist);
    if (antagonist) student("antagonist", *antagonist);
    if (teacher) {
      writer.Module("teacher/net", *teacher->net());
      writer.Optimizer("teacher/optimizer", teacher->optimizer());
      writer.Generator("teacher/generator", teacher->generator());
      writer.Text("teacher/worlds", teacher->worlds().SaveRandomState());
    }
    writer.Save(path);
  }

  int Load(const fs::path& path) {
    nn::CheckpointReader reader(path);
    SetRngState(level_rng, reader.Text("levels/rng"));
    auto student = [&](const std::string& name, StudentAgent& agent) {
      reader.Module(name + "/net", *agent.net());
      reader.Optimizer(name + "/optimizer", agent.optimizer());
      reader.Generator(name + "/generator", agent.generator());
    };
    student("protagonist", protagonist);
    if (antagonist) student("antagonist", *antagonist);
    if (teacher) {
      reader.Module("teacher/net", *teacher->net());
      reader.Optimizer("teacher/optimizer", teacher->optimizer());
      reader.Generator("teacher/generator", teacher->generator());
      teacher->worlds().LoadRandomState(reader.Text("teacher/worlds"));
    }
    return static_cast<int>(reader.Integer("next_update"));
  }
};

// Runs `work` on the protagonist here and, when there is one, on the
// antagonist in a second thread: the two are independent given the levels.
template <typename Result, typename Work>
std::pair<Result, Result> BothStudents(Learners& learners, bool concurrent, Work work) {
  if (!learners.antagonist) return {work(learners.protagonist), Result{}};
  if (!concurrent) return {work(learners.protagonist), work(*learners.antagonist)};
  auto antagonist = std::async(std::launch::async, [&] { return work(*learners.antagonist); });
  Result protagonist = work(learners.protagonist);
  return {protagonist, antagonist.get()};
}

double LevelSolvedRate(const LevelReturns& returns) {
  int solved = 0;
  for (int s : returns.solved) solved += s > 0;
  return returns.solved.empty() ? 0 : static_cast<double>(solved) / returns.solved.size();
}

std::vector<std::pair<std::string, report::Figure>> Curves(const fs::path& metrics,
                                                           double random_solved_rate,
                                                           bool antagonist, bool teacher) {
  report::CsvTable table = report::ReadCsv(metrics);
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
  if (teacher) {
    report::Figure reward = figure("Teacher reward", "value");
    reward.series = {series("teacher_reward", "teacher reward (regret or -return)", "#ff7f0e")};
    if (antagonist) reward.series.push_back(series("regret", "regret", "#d62728", true));
    figures.emplace_back("teacher_reward", reward);
  }
  return figures;
}

void Gallery(const envs::LevelBatch& levels, const LevelReturns& protagonist, int update,
             const fs::path& run_dir) {
  std::vector<envs::Level> shown;
  std::vector<std::vector<std::string>> captions;
  for (int i = 0; i < std::min(levels.count(), 12); ++i) {
    shown.push_back(levels.Get(i));
    envs::LevelMetrics m = envs::ComputeMetrics(shown.back());
    captions.push_back({"walls " + std::to_string(m.walls) + " path " +
                            (m.passable ? std::to_string(m.shortest_path) : std::string("none")),
                        "solved " + std::to_string(protagonist.solved[i]) + "/" +
                            std::to_string(protagonist.episodes[i])});
  }
  char name[48];
  std::snprintf(name, sizeof(name), "levels_update_%06d.png", update);
  report::WritePng(run_dir / "figures" / name, envs::RenderGallery(shown, captions, 6, 150));
}

}  // namespace

TrainSummary RunTraining(const TrainOptions& options, const fs::path& run_dir, bool resume) {
  auto started = std::chrono::steady_clock::now();
  const torch::Device device = nn::ResolveDevice(options.device);
  // The global generator initialises the weights (protagonist, antagonist,
  // teacher, in that order); everything after uses each learner's own.
  torch::manual_seed(options.seed);
  envs::LevelBatch levels(options.ppo.worlds, options.levels.size, options.levels.size);
  Learners learners(options, &levels, device);

  TrainSummary summary;
  const fs::path metrics_path = run_dir / "metrics.csv";
  const fs::path baseline_path = run_dir / "baseline.csv";
  fs::create_directories(run_dir / "checkpoints");
  if (resume) {
    summary.first_update = learners.Load(run_dir / "checkpoints" / "latest.pt");
    report::MetricsLog::TruncateAfter(metrics_path, summary.first_update - 1);
    report::CsvTable baseline = report::ReadCsv(baseline_path);
    summary.random_solved_rate = baseline.Number(baseline.rows.at(0), "solved_rate");
  } else {
    // A uniformly random policy on DR levels drawn from their own stream, so
    // the training streams are untouched.
    std::mt19937_64 baseline_rng(options.seed * 104729 + 3);
    FillRandomLevels(levels, options.levels, baseline_rng);
    LevelReturns random = learners.protagonist.Collect(/*uniform=*/true);
    summary.random_solved_rate = random.SolvedRate();
    report::Table baseline(
        {"policy", "episodes", "solved_rate", "episode_return", "episode_length"});
    baseline.AddRow({"uniform random", std::to_string(random.Episodes()),
                     report::Table::Num(random.SolvedRate()),
                     report::Table::Num(random.MeanEpisodeReturn()),
                     report::Table::Num(random.MeanEpisodeLength())});
    baseline.WriteCsv(baseline_path);
    // Sampling the baseline advanced the generator; restart it so fresh and
    // resumed runs share one stream from update 0.
    learners.protagonist.generator().set_current_seed(options.seed);
  }

  report::MetricsLog log(metrics_path, kMetricColumns);
  report::Progress progress("paired " + options.method, options.updates - summary.first_update);
  const double steps_per_update = static_cast<double>(options.ppo.worlds) * options.ppo.steps;
  const bool concurrent = options.concurrent_students;
  for (int update = summary.first_update; update < options.updates; ++update) {
    auto t0 = std::chrono::steady_clock::now();
    // 1. Levels: random, or designed by the teacher.
    if (learners.teacher) {
      learners.teacher->Design();
    } else {
      FillRandomLevels(levels, options.levels, learners.level_rng);
    }
    // 2. The students play every level for the step budget.
    auto [p, a] = BothStudents<LevelReturns>(learners, concurrent,
                                             [](StudentAgent& s) { return s.Collect(); });
    // 3. The teacher's reward per level, on its last design step.
    std::vector<double> rewards(levels.count(), 0.0);
    double reward_sum = 0, regret_sum = 0;
    for (int i = 0; i < levels.count(); ++i) {
      LevelScore pro{p.mean_return[i], p.max_return[i]};
      LevelScore ant =
          learners.antagonist ? LevelScore{a.mean_return[i], a.max_return[i]} : LevelScore{};
      rewards[i] =
          TeacherReward(learners.method, pro, ant, options.clip_regret, options.minimax_uses_max);
      reward_sum += rewards[i];
      // Logged unclipped, whatever the teacher is paid: A_max - P_mean.
      regret_sum += TeacherReward(UedMethod::kPaired, pro, ant, /*clip_at_zero=*/false);
    }
    PpoStats teacher_stats;
    if (learners.teacher) teacher_stats = learners.teacher->Update(rewards);
    // 4. Students learn from their own environment reward.
    auto [ps, as] =
        BothStudents<PpoStats>(learners, concurrent, [](StudentAgent& s) { return s.Update(); });
    (void)as;
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    double walls = 0, passable = 0, path = 0, solved_path = 0;
    int solved_levels = 0;
    for (int i = 0; i < levels.count(); ++i) {
      envs::LevelMetrics m = envs::ComputeMetrics(levels.Get(i));
      walls += m.walls;
      passable += m.passable;
      if (m.passable) path += m.shortest_path;
      if (p.solved[i] > 0) {
        solved_path += m.shortest_path;
        ++solved_levels;
      }
    }
    const double n = levels.count();
    const bool teacher = learners.teacher != nullptr, antagonist = learners.antagonist != nullptr;
    log.Append({static_cast<double>(update),
                (update + 1) * steps_per_update,
                p.MeanEpisodeReturn(),
                p.SolvedRate(),
                p.MeanEpisodeLength(),
                LevelSolvedRate(p),
                antagonist ? a.MeanEpisodeReturn() : kNaN,
                antagonist ? a.SolvedRate() : kNaN,
                antagonist ? LevelSolvedRate(a) : kNaN,
                antagonist ? regret_sum / n : kNaN,
                teacher ? reward_sum / n : kNaN,
                walls / n,
                passable / n,
                passable > 0 ? path / passable : kNaN,
                solved_levels > 0 ? solved_path / solved_levels : kNaN,
                ps.entropy,
                ps.policy_loss,
                ps.value_loss,
                ps.approx_kl,
                ps.clip_fraction,
                ps.explained_variance,
                teacher ? teacher_stats.entropy : kNaN,
                teacher ? teacher_stats.value_loss : kNaN,
                steps_per_update / seconds,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()});
    progress.Advance();

    const bool last = update + 1 == options.updates;
    if (options.gallery_every > 0 && (update % options.gallery_every == 0 || last)) {
      Gallery(levels, p, update, run_dir);
    }
    if ((update + 1) % options.checkpoint_every == 0 || last) {
      char name[32];
      std::snprintf(name, sizeof(name), "update_%06d.pt", update + 1);
      fs::path numbered = run_dir / "checkpoints" / name;
      learners.Save(numbered, update + 1, options);
      fs::path tmp = run_dir / "checkpoints" / "latest.pt.tmp";
      fs::copy_file(numbered, tmp, fs::copy_options::overwrite_existing);
      fs::rename(tmp, run_dir / "checkpoints" / "latest.pt");
    }
  }
  progress.Finish();
  summary.last_update = options.updates - 1;

  report::CsvTable table = report::ReadCsv(metrics_path);
  size_t tail = std::max<size_t>(1, table.rows.size() / 10);
  for (size_t i = table.rows.size() - tail; i < table.rows.size(); ++i) {
    summary.final_solved_rate += table.Number(table.rows[i], "protagonist_solved_rate") / tail;
  }
  std::string figure_error;
  report::RenderFigures(Curves(metrics_path, summary.random_solved_rate,
                               learners.antagonist != nullptr, learners.teacher != nullptr),
                        run_dir / "figures", &figure_error);

  report::RunReport doc;
  doc.title = "UED training: " + options.method;
  report::ReportSection& curves = doc.sections.emplace_back();
  curves.title = options.method + ": learning curves";
  char text[640];
  std::snprintf(text, sizeof(text),
                "%d updates of %d worlds x %d steps on %dx%d levels (%s). Protagonist solved rate "
                "over the last %zu updates: %.3f; a uniformly random policy solves %.3f of its "
                "episodes on domain-randomised levels (baseline.csv).",
                options.updates, options.ppo.worlds, options.ppo.steps, options.levels.size,
                options.levels.size,
                learners.teacher ? ("teacher places the goal, the agent and up to " +
                                    std::to_string(options.teacher_world.walls) + " walls")
                                       .c_str()
                                 : ("random levels with " +
                                    std::string(options.levels.uniform_walls ? "0 to " : "") +
                                    std::to_string(options.levels.walls) + " walls")
                                       .c_str(),
                tail, summary.final_solved_rate, summary.random_solved_rate);
  curves.Text(text);
  curves.FigureSvg("figures/students.svg").FigureSvg("figures/complexity.svg");
  curves.FigureSvg("figures/passable.svg");
  if (learners.teacher) curves.FigureSvg("figures/teacher_reward.svg");
  curves.FigureSvg("figures/ppo_diagnostics.svg");
  curves.TableCsv("baseline.csv", "Random-policy baseline");
  if (!figure_error.empty()) curves.Text("Figures could not be rendered: " + figure_error);
  report::ReportSection& galleries = doc.sections.emplace_back();
  galleries.title = options.method + ": training levels";
  std::vector<fs::path> pngs;
  for (const auto& entry : fs::directory_iterator(run_dir / "figures")) {
    if (entry.path().filename().string().rfind("levels_update_", 0) == 0)
      pngs.push_back(entry.path());
  }
  std::sort(pngs.begin(), pngs.end());
  for (const fs::path& png : pngs)
    galleries.ImagePng("figures/" + png.filename().string(), png.stem().string());
  if (options.eval_episodes > 0) {
    report::ReportSection& eval = doc.sections.emplace_back();
    eval.title = options.method + ": zero-shot evaluation of the protagonist";
    eval.Text(std::to_string(options.eval_episodes) +
              " episodes per held-out maze, sampled actions; published DR numbers beside.");
    EvaluateAndWrite(learners.protagonist.net(), options.eval_mazes, options.eval_episodes,
                     options.seed, ProjectHome() / "envs" / "mazes", run_dir, &eval);
  }
  report::WriteRunReport(doc, run_dir);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace advlab::paired
