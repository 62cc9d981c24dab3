#include "paired/train_job.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <optional>
#include <random>
#include <sstream>

#include <unistd.h>

#include "core/build_info.h"
#include "core/config.h"
#include "core/csv_reader.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "envs/maze_catalog.h"
#include "nn/device.h"
#include "paired/eval_job.h"
#include "paired/evaluation.h"
#include "paired/train_report.h"
#include "paired/ued_runner.h"
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

std::string NumberedName(const char* prefix, int update, const char* suffix) {
  char name[64];
  std::snprintf(name, sizeof(name), "%s%06d%s", prefix, update, suffix);
  return name;
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
    auto gib = [](double b) { return std::to_string(std::llround(b / (1 << 30))); };
    throw InputError("ppo.worlds x ppo.steps = " + std::to_string(options.ppo.worlds) + " x " +
                     std::to_string(options.ppo.steps) + " needs about " + gib(bytes) +
                     " GiB for rollouts and updates; this machine has " + gib(memory) + " GiB");
  }
}

TrainSummary RunTraining(const TrainOptions& options, const fs::path& run_dir, bool resume,
                         distributed::Collective* group) {
  auto started = std::chrono::steady_clock::now();
  UedRunner runner(options, nn::ResolveDevice(options.device), group);
  // Rank 0 writes. The other ranks run the same code, so they make every
  // collective in the same order, and write nothing.
  const bool writes = runner.ranks().rank() == 0;

  TrainSummary summary;
  const fs::path metrics_path = run_dir / "metrics.csv";
  const fs::path baseline_path = run_dir / "baseline.csv";
  const fs::path checkpoints = run_dir / "checkpoints";
  if (writes) fs::create_directories(checkpoints);
  if (resume) {
    runner.Load(checkpoints / "latest.pt");
    summary.first_update = runner.next_update();
    if (writes) {
      report::MetricsLog::TruncateAfter(metrics_path, summary.first_update - 1);
      core::CsvTable baseline = core::ReadCsv(baseline_path);
      summary.random_solved_rate = baseline.Number(baseline.rows.at(0), "solved_rate");
      summary.random_episodes = baseline.Number(baseline.rows.at(0), "episodes");
    }
  } else {
    const LevelReturns random = runner.RandomBaseline();
    summary.random_solved_rate = random.SolvedRate();
    summary.random_episodes = static_cast<double>(random.Episodes());
    if (writes) {
      report::Table baseline(
          {"policy", "episodes", "solved_rate", "episode_return", "episode_length"});
      baseline.AddRow({"uniform random", std::to_string(random.Episodes()),
                       report::Table::Num(random.SolvedRate()),
                       report::Table::Num(random.MeanEpisodeReturn()),
                       report::Table::Num(random.MeanEpisodeLength())});
      baseline.WriteCsv(baseline_path);
    }
  }

  std::optional<report::MetricsLog> log;
  std::optional<report::Progress> progress;
  if (writes) {
    log.emplace(metrics_path, kMetricColumns);
    progress.emplace("paired " + UedMethodName(options.method),
                     options.updates - summary.first_update);
  }
  for (int update = summary.first_update; update < options.updates; ++update) {
    if (options.max_env_steps > 0 && runner.env_steps() >= options.max_env_steps) break;
    IterationResult result = runner.Iterate();
    if (writes) {
      log->Append(MetricRow(
          result, runner,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()));
      progress->Advance();
    }

    // A signal ends the run here, after a checkpoint, so --resume carries on.
    summary.interrupted = runner.ranks().Any(core::InterruptRequested());
    const bool last = update + 1 == options.updates || summary.interrupted ||
                      (options.max_env_steps > 0 && runner.env_steps() >= options.max_env_steps);
    if (writes && options.gallery_every > 0 && (update % options.gallery_every == 0 || last)) {
      WritePlayedGallery(runner,
                         run_dir / "figures" / NumberedName("levels_update_", update, ".png"));
      if (runner.buffer()) {
        WriteBufferGallery(*runner.buffer(),
                           run_dir / "figures" / NumberedName("buffer_update_", update, ".png"));
      }
    }
    if ((update + 1) % options.checkpoint_every == 0 || last) {
      // Numbered first, then copied and renamed: latest.pt is always whole.
      fs::path numbered = checkpoints / NumberedName("update_", update + 1, ".pt");
      runner.Save(numbered);  // on every rank: it gathers the teacher's worlds
      if (writes) {
        fs::path tmp = checkpoints / "latest.pt.tmp";
        fs::copy_file(numbered, tmp, fs::copy_options::overwrite_existing);
        fs::rename(tmp, checkpoints / "latest.pt");
      }
    }
    if (last) break;
  }
  summary.last_update = runner.next_update() - 1;
  summary.ranks = runner.ranks().size();
  summary.communication_bytes = runner.ranks().traffic().bytes;
  summary.communication_seconds = runner.ranks().traffic().seconds;
  if (!writes) {
    // The evaluation's mazes are shared out too (evaluation.h).
    if (options.eval_episodes > 0 && !summary.interrupted) {
      EvaluateZeroShot(runner.protagonist().net(), options.eval_mazes, options.eval_episodes,
                       options.seed, ProjectHome() / "envs" / "mazes", group);
      summary.interrupted = core::InterruptRequested();
    }
    return summary;
  }
  progress->Finish();

  core::CsvTable table = core::ReadCsv(metrics_path);
  size_t tail = std::max<size_t>(1, table.rows.size() / 10);
  for (size_t i = table.rows.size() - tail; i < table.rows.size(); ++i) {
    summary.final_solved_rate += table.Number(table.rows[i], "protagonist_solved_rate") / tail;
  }
  std::optional<report::ReportSection> evaluation;
  std::optional<EvalSummary> evaluated;
  if (options.eval_episodes > 0 && !summary.interrupted) {
    evaluation = EvaluationSection(options);
    evaluated =
        EvaluateAndWrite(runner.protagonist().net(), options.eval_mazes, options.eval_episodes,
                         options.seed, ProjectHome() / "envs" / "mazes", run_dir, &*evaluation,
                         UedMethodName(options.method), "", group);
    summary.interrupted = evaluated->interrupted();
  }
  WriteTrainingReport(options, runner, summary, tail, evaluation ? &*evaluation : nullptr,
                      evaluated ? &*evaluated : nullptr, run_dir);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace advlab::paired
