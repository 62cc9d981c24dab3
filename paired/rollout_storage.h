#pragma once
// One rollout of T steps in N worlds, time-major [T, N, ...], as in cleanrl:
//   views[t], directions[t], starts[t]  what the policy saw (starts: 1 where an episode began)
//   actions[t], log_probs[t], values[t] what it did and expected
//   rewards[t], dones[t]                what the world answered
//   timeouts[t]                         1 where the episode was cut by its step limit
//   values[T]                           the bootstrap value after the last step
//   initial_state                       the recurrent state before step 0
// ComputeAdvantages fills advantages and returns with GAE(gamma, lambda).
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

// The same recursion on plain tensors ([T, N] rewards and dones, [T+1, N]
// values), exposed for tests against a hand computation. Where `timeouts`
// (optional, [T, N]) is 1 the episode was truncated, not terminated: as in
// dcd (ikostrikov's use_proper_time_limits) that step's advantage is 0, so its
// return is its own value and the steps before it bootstrap from that value.
torch::Tensor GeneralizedAdvantages(const torch::Tensor& rewards, const torch::Tensor& values,
                                    const torch::Tensor& dones, double gamma, double lambda,
                                    const torch::Tensor& timeouts = {});

}  // namespace advlab::paired
