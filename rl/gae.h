#pragma once
#include <torch/torch.h>

namespace advlab::rl {

// Generalised advantage estimation (Schulman et al. 2016) on time-major
// tensors: rewards and dones [T, N], values [T+1, N] (the last row bootstraps). Where `timeouts`
// (optional, [T, N]) is 1 the episode was truncated, not terminated: as in
// dcd (ikostrikov's use_proper_time_limits) that step's advantage is 0, so its
// return is its own value and the steps before it bootstrap from that value.
torch::Tensor GeneralizedAdvantages(const torch::Tensor& rewards, const torch::Tensor& values,
                                    const torch::Tensor& dones, double gamma, double lambda,
                                    const torch::Tensor& timeouts = {});

}  // namespace advlab::rl
