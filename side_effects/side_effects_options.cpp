#include "side_effects/side_effects_options.h"

#include "core/config.h"
#include "rl/ppo_config.h"

namespace advlab::side_effects {
namespace {

int Updates(int64_t steps, const rl::PpoSettings& ppo) {
  const int64_t per_update = static_cast<int64_t>(ppo.worlds) * ppo.steps;
  return static_cast<int>((steps + per_update - 1) / per_update);
}

}  // namespace

rl::PpoSettings SafeLifePpoSettings() {
  rl::PpoSettings ppo;
  ppo.worlds = 16;
  ppo.steps = 20;
  ppo.minibatches = 4;
  ppo.epochs = 3;
  ppo.gamma = 0.97;
  ppo.gae_lambda = 0.95;
  ppo.learning_rate = 3e-4;
  ppo.clip = 0.2;
  ppo.value_coef = 0.5;
  ppo.entropy_coef = 0.01;
  // Declared as 5.0 in the AUP code but never applied there.
  ppo.max_grad_norm = 5.0;
  return ppo;
}

envs::life::LifeTask DefaultLifeTask() {
  envs::life::LifeTask task;
  task.task = "prune";
  task.size = 12;
  task.targets = 1;
  task.obstacles = 2;
  task.max_steps = 100;
  return task;
}

std::string PenaltyName(Penalty penalty) { return penalty == Penalty::kAup ? "aup" : "none"; }

SideEffectsOptions ReadSideEffectsOptions(core::Config& config) {
  SideEffectsOptions o;
  o.seed = static_cast<uint64_t>(config.Int("seed", 0, 0, 1LL << 62));
  o.device = config.String("device", o.device);
  envs::life::LifeTask& task = o.task;
  task.task = config.Choice("levels.task", task.task, {"append", "prune"});
  task.size = static_cast<int>(config.Int("levels.size", task.size, 8, 200));
  task.targets = static_cast<int>(config.Int("levels.targets", task.targets, 1, 100));
  task.obstacles = static_cast<int>(config.Int("levels.obstacles", task.obstacles, 0, 100));
  task.max_steps = static_cast<int>(config.Int("levels.max_steps", task.max_steps, 1, 100000));
  task.min_performance = config.Number("levels.min_performance", task.min_performance, -1.0, 1.0);
  o.level_count = static_cast<int>(config.Int("levels.count", o.level_count, 1, 100000));
  o.level_seed = static_cast<uint64_t>(config.Int("levels.seed", 0, 0, 1LL << 62));

  o.penalty = config.Choice("agent.penalty", "aup", {"none", "aup"}) == "aup" ? Penalty::kAup
                                                                              : Penalty::kNone;
  o.net.view = static_cast<int>(config.Int("agent.view", o.net.view, 3, 101));
  if (o.net.view % 2 == 0) config.Fail("agent.view", "must be odd (the agent sits in the middle)");
  o.net.conv1 = static_cast<int>(config.Int("agent.conv1", o.net.conv1, 1, 1024));
  o.net.conv2 = static_cast<int>(config.Int("agent.conv2", o.net.conv2, 1, 1024));
  o.net.hidden = static_cast<int>(config.Int("agent.hidden", o.net.hidden, 1, 8192));

  o.aup.aux_rewards = static_cast<int>(config.Int("aup.aux_rewards", o.aup.aux_rewards, 1, 64));
  o.aup.aux_steps = config.Int("aup.aux_steps", o.aup.aux_steps, 1, 1LL << 40);
  o.aup.aux_entropy_coef =
      config.Number("aup.aux_entropy_coef", o.aup.aux_entropy_coef, 0.0, 100.0);
  o.aup.lambda_start = config.Number("aup.lambda_start", o.aup.lambda_start, 0.0, 1e6);
  o.aup.lambda_end = config.Number("aup.lambda_end", o.aup.lambda_end, 0.0, 1e6);

  o.ppo = rl::ReadPpoSettings(config, "ppo", /*rollout=*/true, o.ppo);
  o.train_steps = config.Int("train.steps", o.train_steps, 1, 1LL << 40);
  o.checkpoint_every =
      static_cast<int>(config.Int("train.checkpoint_every", o.checkpoint_every, 1, 1 << 30));
  o.eval_episodes = static_cast<int>(config.Int("eval.episodes", o.eval_episodes, 0, 100000));
  o.side_effect_window =
      static_cast<int>(config.Int("eval.side_effect_window", o.side_effect_window, 1, 1000000));
  return o;
}

int AuxUpdates(const SideEffectsOptions& options) {
  return options.penalty == Penalty::kAup ? Updates(options.aup.aux_steps, options.ppo) : 0;
}

int PolicyUpdates(const SideEffectsOptions& options) {
  return Updates(options.train_steps, options.ppo);
}

int TotalUpdates(const SideEffectsOptions& options) {
  const int aux = options.penalty == Penalty::kAup ? options.aup.aux_rewards : 0;
  return aux * AuxUpdates(options) + PolicyUpdates(options);
}

}  // namespace advlab::side_effects
