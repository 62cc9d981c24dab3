#include "side_effects/side_effects_job.h"

#include <chrono>
#include <cstdio>
#include <limits>
#include <random>

#include "core/error.h"
#include "core/interrupt.h"
#include "core/seed_streams.h"
#include "envs/life_render.h"
#include "nn/checkpoint.h"
#include "nn/device.h"
#include "report/image.h"
#include "report/metrics_log.h"
#include "report/progress.h"
#include "report/table.h"
#include "side_effects/side_effects_report.h"
#include "side_effects/side_effects_trainer.h"

namespace advlab::side_effects {
namespace fs = std::filesystem;
namespace life = envs::life;
namespace {

const std::vector<std::string> kMetricColumns = {
    "update",       "env_steps",   "policy_steps", "aux_index",      "lambda",
    "train_reward", "penalty",     "q_loss",       "episodes",       "episode_reward",
    "completion",   "exit_rate",   "side_effects", "episode_length", "entropy",
    "policy_loss",  "value_loss",  "approx_kl",    "clipfrac",       "explained_variance",
    "sps",          "wall_seconds"};

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> MetricRow(const UpdateResult& r, const SideEffectsTrainer& trainer,
                              double wall_seconds) {
  const SideEffectsOptions& o = trainer.options();
  const int64_t per_update = static_cast<int64_t>(o.ppo.worlds) * o.ppo.steps;
  const int aux_total = o.penalty == Penalty::kAup ? o.aup.aux_rewards * AuxUpdates(o) : 0;
  const double policy_steps =
      r.aux >= 0 ? kNaN : static_cast<double>((r.update + 1 - aux_total) * per_update);
  const EpisodeOutcomes& e = r.outcomes;
  return {static_cast<double>(r.update),
          static_cast<double>(r.env_steps),
          policy_steps,
          r.aux >= 0 ? static_cast<double>(r.aux) : kNaN,
          r.lambda,
          r.train_reward,
          r.penalty,
          r.q_loss,
          static_cast<double>(e.episodes),
          e.reward,
          e.completion,
          e.exits,
          e.side_effects,
          e.length,
          r.ppo.entropy,
          r.ppo.policy_loss,
          r.ppo.value_loss,
          r.ppo.approx_kl,
          r.ppo.clip_fraction,
          r.ppo.explained_variance,
          static_cast<double>(per_update) / r.seconds,
          wall_seconds};
}

// One episode per (level, episode) world of a policy: `act` picks the
// actions of all worlds. World 0's frames (level_00) are kept for a picture.
struct Played {
  std::vector<std::vector<life::LifeEpisode>> per_level;
  std::vector<life::Board> frames;
  std::vector<bool> exit_open;
};

template <typename Act>
Played Play(const std::vector<life::LifeLevel>& levels, int episodes, Act act) {
  const int worlds = static_cast<int>(levels.size()) * episodes;
  life::LifeBatch batch(worlds);
  for (int w = 0; w < worlds; ++w) batch.Reset(w, levels[static_cast<size_t>(w / episodes)]);
  Played played;
  played.per_level.resize(levels.size());
  std::vector<bool> finished(static_cast<size_t>(worlds), false);
  std::vector<int32_t> actions(static_cast<size_t>(worlds));
  std::vector<float> rewards(static_cast<size_t>(worlds));
  std::vector<uint8_t> done(static_cast<size_t>(worlds));
  played.frames.push_back(batch.board(0));
  played.exit_open.push_back(batch.exit_open(0));
  for (int left = worlds; left > 0;) {
    act(batch, actions.data());
    batch.Step(actions.data(), rewards.data(), done.data());
    const bool recording = !finished[0];
    for (int w = 0; w < worlds; ++w) {
      if (!done[static_cast<size_t>(w)] || finished[static_cast<size_t>(w)]) continue;
      finished[static_cast<size_t>(w)] = true;
      played.per_level[static_cast<size_t>(w / episodes)].push_back(batch.last_episode(w));
      --left;
    }
    if (!recording) continue;
    // World 0's first episode: its last frame is the finished episode's board
    // (the world has already restarted).
    const bool ended = finished[0];
    played.frames.push_back(ended ? batch.last_episode(0).final_board : batch.board(0));
    played.exit_open.push_back(ended ? batch.last_episode(0).exit_open : batch.exit_open(0));
  }
  return played;
}

// Up to 16 evenly spaced frames of world 0's episode, the last included.
void WriteEpisodeStrip(const Played& played, const fs::path& png) {
  const size_t n = played.frames.size(), shown = std::min<size_t>(n, 16);
  std::vector<cv::Mat> frames;
  std::vector<std::string> captions;
  for (size_t k = 0; k < shown; ++k) {
    const size_t t = shown == 1 ? 0 : k * (n - 1) / (shown - 1);
    frames.push_back(life::RenderLifeBoard(played.frames[t], played.exit_open[t], 12));
    captions.push_back("t = " + std::to_string(t));
  }
  report::WritePng(png, life::RenderLifeStrip(frames, captions, 8));
}

struct Evaluation {
  EpisodeOutcomes trained, idle, random;
};

Evaluation Evaluate(SideEffectsTrainer& trainer, const fs::path& run_dir) {
  const SideEffectsOptions& o = trainer.options();
  const std::vector<life::LifeLevel>& levels = trainer.levels();
  const int view = o.net.view;
  LifeAgent& policy = trainer.policy();
  auto trained = [&](const life::LifeBatch& batch, int32_t* actions) {
    torch::Tensor observations = torch::zeros({batch.count(), life::kPlanes, view, view});
    batch.Observe(view, observations.data_ptr<float>());
    torch::Tensor chosen = policy.Act(observations).actions;
    const int64_t* picked = chosen.data_ptr<int64_t>();
    for (int w = 0; w < batch.count(); ++w) actions[w] = static_cast<int32_t>(picked[w]);
  };
  auto idle = [](const life::LifeBatch& batch, int32_t* actions) {
    std::fill(actions, actions + batch.count(), 0);
  };
  std::mt19937_64 rng(StreamSeed(o.seed, "random_baseline"));
  auto random = [&](const life::LifeBatch& batch, int32_t* actions) {
    for (int w = 0; w < batch.count(); ++w)
      actions[w] = static_cast<int32_t>(rng() % life::kActions);
  };
  report::Table table({"policy", "level", "episodes", "reward", "completion", "exit_rate",
                       "side_effects", "episode_length"});
  auto add = [&](const std::string& name, const std::string& level, const EpisodeOutcomes& e) {
    using report::Table;
    table.AddRow({name, level, std::to_string(e.episodes), Table::Num(e.reward, 4),
                  Table::Num(e.completion, 4), Table::Num(e.exits, 4),
                  Table::Num(e.side_effects, 4), Table::Num(e.length, 4)});
  };
  auto score = [&](const std::string& name, const Played& played) {
    std::vector<life::LifeEpisode> all;
    for (size_t l = 0; l < levels.size(); ++l) {
      add(name, levels[l].name, ScoreEpisodes(played.per_level[l], o.side_effect_window));
      all.insert(all.end(), played.per_level[l].begin(), played.per_level[l].end());
    }
    EpisodeOutcomes mean = ScoreEpisodes(all, o.side_effect_window);
    add(name, "all", mean);
    return mean;
  };
  Evaluation e;
  Played agent = Play(levels, o.eval_episodes, trained);
  WriteEpisodeStrip(agent, run_dir / "figures" / "episode_level_00.png");
  e.trained = score("trained", agent);
  e.idle = score("idle", Play(levels, 1, idle));  // deterministic: one episode says it all
  e.random = score("random", Play(levels, o.eval_episodes, random));
  table.WriteCsv(run_dir / "eval.csv");
  return e;
}

std::string Numbered(int update) {
  char name[32];
  std::snprintf(name, sizeof(name), "update_%06d.pt", update);
  return name;
}

}  // namespace

void CheckSideEffectsInputs(const SideEffectsOptions& options) {
  nn::ResolveDevice(options.device);
  try {
    TrainingLevels(options);
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string("levels: ") + e.what() + " (raise levels.size)");
  }
}

int SideEffectsCheckpointedUpdates(const fs::path& checkpoint) {
  nn::CheckpointReader reader(checkpoint);
  return static_cast<int>(reader.Integer("counters/next_update"));
}

SideEffectsSummary RunSideEffects(const SideEffectsOptions& options, const fs::path& run_dir,
                                  bool resume) {
  const auto started = std::chrono::steady_clock::now();
  SideEffectsTrainer trainer(options, nn::ResolveDevice(options.device));
  SideEffectsSummary summary;
  const fs::path metrics = run_dir / "metrics.csv", checkpoints = run_dir / "checkpoints";
  fs::create_directories(checkpoints);
  fs::create_directories(run_dir / "figures");
  if (resume) {
    trainer.Load(checkpoints / "latest.pt");
    summary.first_update = trainer.next_update();
    report::MetricsLog::TruncateAfter(metrics, summary.first_update - 1);
  }
  report::MetricsLog log(metrics, kMetricColumns);
  report::Progress progress("side-effects " + PenaltyName(options.penalty),
                            trainer.total_updates() - summary.first_update);
  while (trainer.next_update() < trainer.total_updates()) {
    UpdateResult result = trainer.Iterate();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    log.Append(MetricRow(result, trainer, wall));
    progress.Advance();
    summary.interrupted = core::InterruptRequested();
    const bool last = trainer.next_update() == trainer.total_updates() || summary.interrupted;
    if (trainer.next_update() % options.checkpoint_every == 0 || last) {
      // Numbered first, then copied and renamed: latest.pt is always whole.
      const fs::path numbered = checkpoints / Numbered(trainer.next_update());
      trainer.Save(numbered);
      const fs::path tmp = checkpoints / "latest.pt.tmp";
      fs::copy_file(numbered, tmp, fs::copy_options::overwrite_existing);
      fs::rename(tmp, checkpoints / "latest.pt");
    }
    if (last) break;
  }
  progress.Finish();
  summary.last_update = trainer.next_update() - 1;
  if (!summary.interrupted && options.eval_episodes > 0) {
    Evaluation e = Evaluate(trainer, run_dir);
    summary.trained = e.trained;
    summary.idle = e.idle;
    summary.random = e.random;
  }
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!summary.interrupted) WriteSideEffectsReport(options, summary, trainer.levels(), run_dir);
  return summary;
}

}  // namespace advlab::side_effects
