#include "side_effects/aup_penalty.h"

#include <algorithm>

namespace advlab::side_effects {

torch::Tensor AupPenalty(const torch::Tensor& q, const torch::Tensor& actions, double lambda) {
  const int64_t n = q.size(0);
  torch::Tensor index = actions.view({1, -1, 1}).expand({n, -1, 1});
  torch::Tensor taken = q.gather(2, index).squeeze(2);  // [n, N]
  torch::Tensor noop = q.select(2, 0);                  // [n, N]
  return (taken - noop).abs().sum(0) * (lambda / static_cast<double>(n));
}

double LambdaAt(double start, double end, double done, double total) {
  const double progress = total > 0 ? std::clamp(done / total, 0.0, 1.0) : 1.0;
  return start + (end - start) * progress;
}

}  // namespace advlab::side_effects
