#pragma once
// Training in the Game-of-Life world, one update at a time (one rollout of
// ppo.worlds x ppo.steps, then a PPO update of the learner):
//   agent.penalty none  the task policy learns the task reward
//   agent.penalty aup   first each auxiliary agent i learns R_aux_i (its Q
//                       head gives Q_i), aup.aux_steps each; then a fresh
//                       task policy learns R - (lambda/n) sum_i |Q_i(s,a) -
//                       Q_i(s,noop)|, lambda linear over train.steps
// Every episode starts on one of the fixed training levels drawn at random;
// finished episodes are scored for task reward, goal completion and
// SafeLife's side-effect score.
#include <torch/torch.h>

#include <filesystem>
#include <memory>
#include <random>
#include <vector>

#include "envs/life_batch.h"
#include "rl/ppo.h"
#include "side_effects/aux_reward.h"
#include "side_effects/episode_outcomes.h"
#include "side_effects/life_agent.h"
#include "side_effects/side_effects_options.h"

namespace advlab::side_effects {

struct UpdateResult {
  int update = 0;
  int aux = -1;  // the auxiliary reward being learned; -1: the task policy
  int64_t env_steps = 0;
  double lambda = 0;         // NaN outside AUP's policy phase
  double train_reward = 0;   // per step, what the learner was paid
  double penalty = 0;        // AUP's mean penalty per step (NaN without one)
  double q_loss = 0;         // the auxiliary agent's Q fit (NaN otherwise)
  EpisodeOutcomes outcomes;  // episodes that ended in this rollout
  rl::PpoStats ppo;
  double seconds = 0;
};

class SideEffectsTrainer {
 public:
  SideEffectsTrainer(const SideEffectsOptions& options, torch::Device device);

  UpdateResult Iterate();
  int next_update() const { return next_update_; }
  int total_updates() const { return total_updates_; }
  int64_t env_steps() const { return env_steps_; }
  const std::vector<envs::life::LifeLevel>& levels() const { return levels_; }
  LifeAgent& policy() { return *policy_; }
  const SideEffectsOptions& options() const { return options_; }

  // Schema: counters/{next_update,env_steps}, rng/levels, worlds (text),
  // policy/..., aux_<i>/... (life_agent.h).
  void Save(const std::filesystem::path& path);
  void Load(const std::filesystem::path& path);

 private:
  void StartEpisode(int world);
  std::string WorldsText() const;
  void RestoreWorlds(const std::string& text, const std::string& source);

  SideEffectsOptions options_;
  torch::Device device_;
  std::vector<envs::life::LifeLevel> levels_;
  envs::life::LifeBatch worlds_;
  std::vector<int> world_level_;  // the level each world is playing
  std::mt19937_64 level_rng_;
  std::unique_ptr<AuxiliaryRewards> aux_rewards_;
  std::vector<std::unique_ptr<LifeAgent>> aux_agents_;
  std::unique_ptr<LifeAgent> policy_;
  int aux_updates_ = 0, total_updates_ = 0, next_update_ = 0;
  int64_t env_steps_ = 0;
};

// The training levels: levels.count levels from levels.seed. Throws
// std::invalid_argument when they do not fit levels.size.
std::vector<envs::life::LifeLevel> TrainingLevels(const SideEffectsOptions& options);

}  // namespace advlab::side_effects
