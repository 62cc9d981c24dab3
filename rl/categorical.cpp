#include "rl/categorical.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/DistributionsHelper.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <vector>

#include "core/check.h"

namespace advlab::rl {

torch::Tensor SampleActions(const torch::Tensor& logits, const at::Generator& generator) {
  torch::Tensor probabilities = torch::softmax(logits, /*dim=*/-1);
  return at::multinomial(probabilities, /*num_samples=*/1, /*replacement=*/true, generator)
      .squeeze(-1);
}

torch::Tensor SampleActions(const torch::Tensor& logits, const at::Generator& generator,
                            const WorldShard& shard) {
  // The inverse-CDF draw of ATen's CPU multinomial with replacement: per
  // row, one double uniform u from the generator, and the first action
  // whose normalised float cumulative probability reaches u. Drawing u for
  // every row of the whole batch keeps the stream one process's.
  torch::Tensor probabilities = torch::softmax(logits, /*dim=*/-1).contiguous();
  ADVLAB_CHECK_EQ(probabilities.size(0), shard.count);
  std::vector<double> uniforms(static_cast<size_t>(shard.total));
  {
    auto* cpu = at::check_generator<at::CPUGeneratorImpl>(generator);
    std::lock_guard<std::mutex> lock(cpu->mutex_);
    at::uniform_real_distribution<double> uniform(0, 1);
    for (double& u : uniforms) u = uniform(cpu);
  }
  const int64_t actions = probabilities.size(-1);
  torch::Tensor chosen = torch::empty({shard.count}, torch::kLong);
  const float* p = probabilities.data_ptr<float>();
  int64_t* out = chosen.data_ptr<int64_t>();
  std::vector<float> cumulative(static_cast<size_t>(actions));
  for (int64_t i = 0; i < shard.count; ++i, p += actions) {
    float sum = 0;
    for (int64_t a = 0; a < actions; ++a) cumulative[a] = sum += p[a];
    // As at::multinomial, a diverged policy is an error, not action 0.
    ADVLAB_CHECK(std::isfinite(sum) && sum > 0);
    for (float& c : cumulative) c /= sum;
    cumulative.back() = 1;
    const double u = uniforms[static_cast<size_t>(shard.begin + i)];
    out[i] = std::lower_bound(cumulative.begin(), cumulative.end(), u,
                              [](float c, double value) { return c < value; }) -
             cumulative.begin();
  }
  return chosen;
}

torch::Tensor LogProbabilities(const torch::Tensor& logits, const torch::Tensor& actions) {
  return torch::log_softmax(logits, -1).gather(-1, actions.unsqueeze(-1)).squeeze(-1);
}

torch::Tensor Entropy(const torch::Tensor& logits) {
  torch::Tensor log_p = torch::log_softmax(logits, -1);
  return -(log_p.exp() * log_p).sum(-1);
}

}  // namespace advlab::rl
