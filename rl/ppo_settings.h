#pragma once
// PPO hyper-parameters with the reference defaults (dcd mg_25b_dr and
// mg_25b_paired, reference section 1.6). Free of LibTorch.
//
//   key (ppo.*, teacher_ppo.*)  default  meaning
//   worlds               32       parallel worlds per rollout (ppo.* only)
//   steps                256      steps per world per rollout (ppo.* only)
//   epochs               5        passes over each rollout
//   minibatches          1        split by world (must divide worlds), whole sequences each
//   clip                 0.2      policy ratio clip, also the value clip
//   clip_value           true     clip the value loss as well
//   value_coef           0.5
//   entropy_coef         0.0
//   max_grad_norm        0.5
//   gamma                0.995
//   gae_lambda           0.95
//   lr                   1e-4     Adam learning rate
//   adam_eps             1e-5
//   handle_timelimits    true     a step-limit cut bootstraps (ppo.* only)

namespace advlab::rl {

struct PpoSettings {
  int worlds = 32;  // parallel worlds per rollout
  int steps = 256;  // steps per world per rollout
  int epochs = 5;
  int minibatches = 1;  // split by world, whole sequences each
  double clip = 0.2;    // policy ratio clip, also the value clip
  bool clip_value = true;
  double value_coef = 0.5;
  double entropy_coef = 0.0;
  double max_grad_norm = 0.5;
  double gamma = 0.995;
  double gae_lambda = 0.95;
  double learning_rate = 1e-4;  // Adam
  double adam_eps = 1e-5;
  // An episode cut by its step limit bootstraps instead of ending at 0
  // (dcd's handle_timelimits, true in every reference config).
  bool handle_timelimits = true;
};

}  // namespace advlab::rl
