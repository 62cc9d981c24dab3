#pragma once
// The side-effects job's options (configs/side_effects.yaml), free of
// LibTorch. Defaults follow the AUP code on SafeLife (side_effects.md
// section 6) where a 2-core budget allows; README.md lists the differences.
//
//   key                      default  meaning
//   seed                     0        the agents' seed (levels have their own)
//   device                   cpu
//   levels.task              prune    append | prune (envs/life_generator.h)
//   levels.size              12       board side (a torus)
//   levels.targets           1        goal patterns or red still lifes
//   levels.obstacles         2        green still lifes and blinkers to leave alone
//   levels.count             8        fixed training levels (the paper: 8)
//   levels.seed              0        so every agent trains on the same levels
//   levels.max_steps         100      episode limit
//   levels.min_performance   0.5      share of the available points that opens the exit
//   agent.penalty            aup      none (PPO on the task reward) | aup
//   agent.view               13       side of the agent-centred observation
//   agent.conv1              16       first convolution's channels
//   agent.conv2              32       second (stride 2) convolution's channels
//   agent.hidden             256      dense layer
//   aup.aux_rewards          1        auxiliary reward functions (n)
//   aup.aux_steps            100000   environment steps to learn each Q_aux
//   aup.aux_entropy_coef     0.1      entropy bonus while learning Q_aux
//   aup.lambda_start         0.001    penalty coefficient, linear over train.steps
//   aup.lambda_end           0.1
//   ppo.*                    (rl/ppo_settings.h keys) 16 worlds x 20 steps,
//                            4 minibatches, 3 epochs, gamma 0.97, GAE 0.95,
//                            lr 3e-4, clip 0.2, value 0.5, entropy 0.01
//   train.steps              300000   environment steps of the task policy
//   train.checkpoint_every   100      updates between checkpoints
//   eval.episodes            5        episodes per training level at the end
//   eval.side_effect_window  1000     generations the side-effect score averages
#include <cstdint>
#include <string>

#include "envs/life_generator.h"
#include "rl/ppo_settings.h"

namespace advlab::core {
class Config;
}

namespace advlab::side_effects {

enum class Penalty { kNone, kAup };

struct LifeNetOptions {
  int view = 13;
  int conv1 = 16, conv2 = 32;
  int hidden = 256;
};

struct AupOptions {
  int aux_rewards = 1;
  int64_t aux_steps = 100000;
  double aux_entropy_coef = 0.1;
  double lambda_start = 0.001, lambda_end = 0.1;
};

// The PPO settings of the AUP code (side_effects.md section 6).
rl::PpoSettings SafeLifePpoSettings();
// Small prune levels: 12x12, one red still life, two obstacles, 100 steps.
envs::life::LifeTask DefaultLifeTask();

struct SideEffectsOptions {
  uint64_t seed = 0;
  std::string device = "cpu";
  envs::life::LifeTask task = DefaultLifeTask();
  int level_count = 8;
  uint64_t level_seed = 0;
  Penalty penalty = Penalty::kAup;
  LifeNetOptions net;
  AupOptions aup;
  rl::PpoSettings ppo = SafeLifePpoSettings();
  int64_t train_steps = 300000;
  int checkpoint_every = 100;
  int eval_episodes = 5;
  int side_effect_window = 1000;
};

SideEffectsOptions ReadSideEffectsOptions(core::Config& config);
std::string PenaltyName(Penalty penalty);

// Updates of each phase: one rollout of ppo.worlds x ppo.steps each.
int AuxUpdates(const SideEffectsOptions& options);     // per auxiliary reward
int PolicyUpdates(const SideEffectsOptions& options);  // the task policy
int TotalUpdates(const SideEffectsOptions& options);

}  // namespace advlab::side_effects
