#pragma once
// One rollout of T steps in N worlds, time-major [T, N, ...], as in cleanrl:
//   views[t], directions[t], starts[t]  what the policy saw (starts: 1 where an episode began)
//   actions[t], log_probs[t], values[t] what it did and expected
//   rewards[t], dones[t]                what the world answered
//   timeouts[t]                         1 where the episode was cut by its step limit
//   values[T]                           the bootstrap value after the last step
//   initial_state                       the recurrent state before step 0
// ComputeAdvantages fills advantages and returns with GAE(gamma, lambda) (rl/gae.h).
#include <torch/torch.h>

#include "paired/student_net.h"

namespace advlab::paired {

struct RolloutStorage {
  RolloutStorage(int64_t steps, int64_t worlds, int64_t view_channels = 3, int64_t view_size = 5);

  int64_t steps, worlds;
  torch::Tensor views, directions, starts;
  torch::Tensor actions, log_probs, values;
  torch::Tensor rewards, dones, timeouts;
  torch::Tensor advantages, returns;
  RecurrentState initial_state;

  // advantages = GAE over rewards, values and dones (timeouts as below);
  // returns = advantages + values.
  void ComputeAdvantages(double gamma, double lambda);
};

}  // namespace advlab::paired
