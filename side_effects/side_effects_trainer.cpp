#include "side_effects/side_effects_trainer.h"

#include <chrono>
#include <cstdio>
#include <limits>
#include <sstream>

#include "core/error.h"
#include "core/seed_streams.h"
#include "envs/life_generator.h"
#include "nn/checkpoint.h"
#include "side_effects/aup_penalty.h"

namespace advlab::side_effects {
namespace {

namespace life = envs::life;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

rl::PpoSettings AuxPpo(const SideEffectsOptions& options) {
  rl::PpoSettings ppo = options.ppo;
  ppo.entropy_coef = options.aup.aux_entropy_coef;
  return ppo;
}

// Every option a checkpoint's numbers depend on, one "key: value" a line
// (not the device, the checkpoint interval or the evaluation's size).
std::string Fingerprint(const SideEffectsOptions& o) {
  std::ostringstream out;
  out.precision(17);
  const rl::PpoSettings& p = o.ppo;
  out << "seed: " << o.seed << "\nlevels.task: " << o.task.task << "\nlevels.size: " << o.task.size
      << "\nlevels.targets: " << o.task.targets << "\nlevels.obstacles: " << o.task.obstacles
      << "\nlevels.max_steps: " << o.task.max_steps
      << "\nlevels.min_performance: " << o.task.min_performance
      << "\nlevels.count: " << o.level_count << "\nlevels.seed: " << o.level_seed
      << "\nagent.penalty: " << PenaltyName(o.penalty) << "\nagent.view: " << o.net.view
      << "\nagent.conv1: " << o.net.conv1 << "\nagent.conv2: " << o.net.conv2
      << "\nagent.hidden: " << o.net.hidden << "\naup.aux_rewards: " << o.aup.aux_rewards
      << "\naup.aux_steps: " << o.aup.aux_steps
      << "\naup.aux_entropy_coef: " << o.aup.aux_entropy_coef
      << "\naup.lambda_start: " << o.aup.lambda_start << "\naup.lambda_end: " << o.aup.lambda_end
      << "\nppo.worlds: " << p.worlds << "\nppo.steps: " << p.steps << "\nppo.epochs: " << p.epochs
      << "\nppo.minibatches: " << p.minibatches << "\nppo.clip: " << p.clip
      << "\nppo.clip_value: " << p.clip_value << "\nppo.value_coef: " << p.value_coef
      << "\nppo.entropy_coef: " << p.entropy_coef << "\nppo.max_grad_norm: " << p.max_grad_norm
      << "\nppo.gamma: " << p.gamma << "\nppo.gae_lambda: " << p.gae_lambda
      << "\nppo.lr: " << p.learning_rate << "\nppo.adam_eps: " << p.adam_eps
      << "\nppo.handle_timelimits: " << p.handle_timelimits << "\ntrain.steps: " << o.train_steps
      << "\neval.side_effect_window: " << o.side_effect_window << "\n";
  return out.str();
}

}  // namespace

std::vector<life::LifeLevel> TrainingLevels(const SideEffectsOptions& options) {
  std::mt19937_64 rng(options.level_seed);
  std::vector<life::LifeLevel> levels;
  for (int i = 0; i < options.level_count; ++i) {
    levels.push_back(life::GenerateLifeLevel(options.task, rng));
    char name[32];
    std::snprintf(name, sizeof(name), "level_%02d", i);
    levels.back().name = name;
  }
  return levels;
}

SideEffectsTrainer::SideEffectsTrainer(const SideEffectsOptions& options, torch::Device device)
    : options_(options),
      device_(device),
      levels_(TrainingLevels(options)),
      worlds_(options.ppo.worlds),
      world_level_(static_cast<size_t>(options.ppo.worlds), 0),
      level_rng_(StreamSeed(options.seed, "levels")) {
  if (options.penalty == Penalty::kAup) {
    aux_rewards_ = std::make_unique<AuxiliaryRewards>(options.aup.aux_rewards, options.task.size,
                                                      options.task.size,
                                                      StreamSeed(options.seed, "aux_rewards"));
    for (int i = 0; i < options.aup.aux_rewards; ++i) {
      aux_agents_.push_back(std::make_unique<LifeAgent>(
          options.net, AuxPpo(options), /*fits_q=*/true,
          StreamSeed(options.seed, "aux_agent", static_cast<uint64_t>(i)), device));
    }
  }
  policy_ = std::make_unique<LifeAgent>(options.net, options.ppo, /*fits_q=*/false,
                                        StreamSeed(options.seed, "policy"), device);
  aux_updates_ = AuxUpdates(options);
  total_updates_ = TotalUpdates(options);
}

void SideEffectsTrainer::StartEpisode(int world) {
  const int level = static_cast<int>(level_rng_() % levels_.size());
  world_level_[static_cast<size_t>(world)] = level;
  worlds_.Reset(world, levels_[static_cast<size_t>(level)]);
}

UpdateResult SideEffectsTrainer::Iterate() {
  const auto started = std::chrono::steady_clock::now();
  const int n_aux = static_cast<int>(aux_agents_.size());
  const int u = next_update_;
  UpdateResult result;
  result.update = u;
  result.aux = u < n_aux * aux_updates_ ? u / aux_updates_ : -1;
  const bool phase_start = result.aux >= 0 ? u % aux_updates_ == 0 : u == n_aux * aux_updates_;
  const int64_t worlds = options_.ppo.worlds, steps = options_.ppo.steps;
  const int view = options_.net.view;
  if (phase_start) {
    for (int w = 0; w < worlds; ++w) StartEpisode(w);
  }
  LifeAgent& learner = result.aux >= 0 ? *aux_agents_[static_cast<size_t>(result.aux)] : *policy_;
  const bool penalised = result.aux < 0 && !aux_agents_.empty();
  result.lambda = kNaN;
  if (penalised) {
    const double policy_steps = static_cast<double>(u - n_aux * aux_updates_) * worlds * steps;
    result.lambda = LambdaAt(options_.aup.lambda_start, options_.aup.lambda_end, policy_steps,
                             static_cast<double>(options_.train_steps));
  }

  LifeRollout rollout;
  rollout.observations = torch::zeros({steps, worlds, life::kPlanes, view, view});
  rollout.actions = torch::zeros({steps, worlds}, torch::kLong);
  rollout.log_probs = torch::zeros({steps, worlds});
  rollout.rewards = torch::zeros({steps, worlds});
  rollout.dones = torch::zeros({steps, worlds});
  rollout.timeouts = torch::zeros({steps, worlds});
  rollout.values = torch::zeros({steps + 1, worlds});
  std::vector<int32_t> actions(static_cast<size_t>(worlds));
  std::vector<float> task(static_cast<size_t>(worlds)), aux(aux_agents_.size());
  std::vector<uint8_t> done(static_cast<size_t>(worlds));
  std::vector<life::LifeEpisode> finished;
  double penalty = 0;
  for (int64_t t = 0; t < steps; ++t) {
    torch::Tensor observations = rollout.observations[t];
    worlds_.Observe(view, observations.data_ptr<float>());
    AgentStep step = learner.Act(observations);
    rollout.actions[t].copy_(step.actions);
    rollout.log_probs[t].copy_(step.log_probs);
    rollout.values[t].copy_(step.values);
    float* paid = rollout.rewards[t].data_ptr<float>();
    if (result.aux >= 0) {
      // R_aux of the state the action is taken in, as the AUP code pays it.
      for (int64_t w = 0; w < worlds; ++w) {
        const life::Board& start = levels_[static_cast<size_t>(world_level_[w])].board;
        aux_rewards_->Evaluate(worlds_.board(static_cast<int>(w)), start, aux.data());
        paid[w] = aux[static_cast<size_t>(result.aux)];
      }
    }
    if (penalised) {
      std::vector<torch::Tensor> q;
      for (auto& agent : aux_agents_) q.push_back(agent->QValues(observations));
      torch::Tensor p = AupPenalty(torch::stack(q), step.actions, result.lambda);
      const float* pp = p.data_ptr<float>();
      for (int64_t w = 0; w < worlds; ++w) paid[w] -= pp[w];
      penalty += p.sum().item<double>();
    }
    const int64_t* chosen = step.actions.data_ptr<int64_t>();
    for (int64_t w = 0; w < worlds; ++w)
      actions[static_cast<size_t>(w)] = static_cast<int32_t>(chosen[w]);
    worlds_.Step(actions.data(), task.data(), done.data());
    float* done_row = rollout.dones[t].data_ptr<float>();
    float* timeout_row = rollout.timeouts[t].data_ptr<float>();
    for (int64_t w = 0; w < worlds; ++w) {
      if (result.aux < 0) paid[w] += task[static_cast<size_t>(w)];
      if (!done[static_cast<size_t>(w)]) continue;
      const life::LifeEpisode& episode = worlds_.last_episode(static_cast<int>(w));
      done_row[w] = 1;
      timeout_row[w] = episode.exited ? 0 : 1;  // the step limit cut it
      finished.push_back(episode);
      StartEpisode(static_cast<int>(w));
    }
  }
  torch::Tensor last = torch::zeros({worlds, life::kPlanes, view, view});
  worlds_.Observe(view, last.data_ptr<float>());
  rollout.values[steps].copy_(learner.Values(last));
  result.ppo = learner.Learn(rollout);

  env_steps_ += worlds * steps;
  ++next_update_;
  result.env_steps = env_steps_;
  result.train_reward = rollout.rewards.mean().item<double>();
  result.penalty = penalised ? penalty / static_cast<double>(worlds * steps) : kNaN;
  result.q_loss = result.aux >= 0 ? learner.q_loss() : kNaN;
  result.outcomes = ScoreEpisodes(finished, options_.side_effect_window);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

std::string SideEffectsTrainer::WorldsText() const {
  std::ostringstream out;
  out.precision(17);
  out << worlds_.count() << '\n';
  for (int w = 0; w < worlds_.count(); ++w) {
    const life::LifeWorldState s = worlds_.Snapshot(w);
    out << world_level_[static_cast<size_t>(w)] << ' ' << s.x << ' ' << s.y << ' ' << s.facing
        << ' ' << s.steps << ' ' << s.points << ' ' << s.episode_reward << ' ' << s.exit_open << ' '
        << s.cells.size();
    for (life::Cell c : s.cells) out << ' ' << c;
    out << '\n';
  }
  return out.str();
}

void SideEffectsTrainer::RestoreWorlds(const std::string& text, const std::string& source) {
  std::istringstream in(text);
  int count = 0;
  auto fail = [&](const std::string& why) {
    throw InputError(source + ": worlds: " + why + " (written by another config?)");
  };
  if (!(in >> count) || count != worlds_.count())
    fail("not " + std::to_string(worlds_.count()) + " worlds");
  for (int w = 0; w < count; ++w) {
    int level = 0;
    size_t cells = 0;
    life::LifeWorldState s;
    if (!(in >> level >> s.x >> s.y >> s.facing >> s.steps >> s.points >> s.episode_reward >>
          s.exit_open >> cells) ||
        level < 0 || level >= static_cast<int>(levels_.size()) || cells > (1u << 24)) {
      fail("world " + std::to_string(w) + " is unreadable");
    }
    s.cells.resize(cells);
    for (life::Cell& c : s.cells) {
      if (!(in >> c)) fail("world " + std::to_string(w) + " is cut short");
    }
    world_level_[static_cast<size_t>(w)] = level;
    worlds_.Reset(w, levels_[static_cast<size_t>(level)]);
    try {
      worlds_.Restore(w, s);
    } catch (const std::invalid_argument& e) {
      fail("world " + std::to_string(w) + ": " + e.what());
    }
  }
}

void SideEffectsTrainer::Save(const std::filesystem::path& path) {
  nn::CheckpointWriter writer;
  writer.Integer("counters/next_update", next_update_);
  writer.Integer("counters/env_steps", env_steps_);
  std::ostringstream rng;
  rng << level_rng_;
  writer.Text("rng/levels", rng.str());
  writer.Text("worlds", WorldsText());
  writer.Text("options", Fingerprint(options_));
  policy_->Save(writer, "policy");
  for (size_t i = 0; i < aux_agents_.size(); ++i) {
    aux_agents_[i]->Save(writer, "aux_" + std::to_string(i));
  }
  writer.Save(path);
}

void SideEffectsTrainer::Load(const std::filesystem::path& path) {
  nn::CheckpointReader reader(path);
  // A run's config.yaml may have been edited since: its numbers must still
  // be the checkpoint's.
  const std::string saved = reader.Text("options"), now = Fingerprint(options_);
  if (saved != now) {
    std::istringstream a(saved), b(now);
    std::string was, is;
    while (std::getline(a, was) && std::getline(b, is) && was == is) {
    }
    throw InputError(path.string() + ": written with " + was + ", but the config now says " + is +
                     "; resume with the run's own options");
  }
  const int64_t next_update = reader.Integer("counters/next_update");
  const int64_t env_steps = reader.Integer("counters/env_steps");
  if (next_update < 0 || next_update > total_updates_ ||
      env_steps != next_update * options_.ppo.worlds * options_.ppo.steps) {
    throw InputError(path.string() + ": counters/next_update " + std::to_string(next_update) +
                     " and counters/env_steps " + std::to_string(env_steps) +
                     " do not fit this config's " + std::to_string(total_updates_) +
                     " updates of " + std::to_string(options_.ppo.worlds * options_.ppo.steps) +
                     " steps");
  }
  next_update_ = static_cast<int>(next_update);
  env_steps_ = env_steps;
  std::istringstream rng(reader.Text("rng/levels"));
  rng >> level_rng_;
  if (!rng) throw InputError(path.string() + ": rng/levels is unreadable");
  RestoreWorlds(reader.Text("worlds"), path.string());
  policy_->Load(reader, "policy");
  for (size_t i = 0; i < aux_agents_.size(); ++i) {
    aux_agents_[i]->Load(reader, "aux_" + std::to_string(i));
  }
}

}  // namespace advlab::side_effects
