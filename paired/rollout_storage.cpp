#include "paired/rollout_storage.h"

#include "rl/gae.h"

namespace advlab::paired {

RolloutStorage::RolloutStorage(int64_t steps, int64_t worlds, int64_t view_channels,
                               int64_t view_size)
    : steps(steps),
      worlds(worlds),
      views(torch::zeros({steps, worlds, view_channels, view_size, view_size})),
      directions(torch::zeros({steps, worlds}, torch::kLong)),
      starts(torch::zeros({steps, worlds})),
      actions(torch::zeros({steps, worlds}, torch::kLong)),
      log_probs(torch::zeros({steps, worlds})),
      values(torch::zeros({steps + 1, worlds})),
      rewards(torch::zeros({steps, worlds})),
      dones(torch::zeros({steps, worlds})),
      timeouts(torch::zeros({steps, worlds})),
      advantages(torch::zeros({steps, worlds})),
      returns(torch::zeros({steps, worlds})) {}

void RolloutStorage::ComputeAdvantages(double gamma, double lambda) {
  advantages = rl::GeneralizedAdvantages(rewards, values, dones, gamma, lambda, timeouts);
  returns = advantages + values.slice(0, 0, steps);
}

}  // namespace advlab::paired
