#include "rl/gae.h"

namespace advlab::rl {

torch::Tensor GeneralizedAdvantages(const torch::Tensor& rewards, const torch::Tensor& values,
                                    const torch::Tensor& dones, double gamma, double lambda,
                                    const torch::Tensor& timeouts) {
  const int64_t steps = rewards.size(0), worlds = rewards.size(1);
  torch::Tensor advantages = torch::zeros({steps, worlds});
  // Accessors instead of per-element tensor indexing: this loop runs every update.
  auto r = rewards.accessor<float, 2>();
  auto v = values.accessor<float, 2>();
  auto d = dones.accessor<float, 2>();
  auto a = advantages.accessor<float, 2>();
  const torch::Tensor cut = timeouts.defined() ? timeouts : torch::zeros_like(dones);
  auto c = cut.accessor<float, 2>();
  for (int64_t n = 0; n < worlds; ++n) {
    float next = 0;
    for (int64_t t = steps - 1; t >= 0; --t) {
      const float alive = 1.0f - d[t][n];
      const float delta = r[t][n] + static_cast<float>(gamma) * v[t + 1][n] * alive - v[t][n];
      next = (delta + static_cast<float>(gamma * lambda) * alive * next) * (1.0f - c[t][n]);
      a[t][n] = next;
    }
  }
  return advantages;
}

}  // namespace advlab::rl
