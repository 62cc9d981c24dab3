#include "rl/categorical.h"

namespace advlab::rl {

torch::Tensor SampleActions(const torch::Tensor& logits, const at::Generator& generator) {
  torch::Tensor probabilities = torch::softmax(logits, /*dim=*/-1);
  return at::multinomial(probabilities, /*num_samples=*/1, /*replacement=*/true, generator)
      .squeeze(-1);
}

torch::Tensor LogProbabilities(const torch::Tensor& logits, const torch::Tensor& actions) {
  return torch::log_softmax(logits, -1).gather(-1, actions.unsqueeze(-1)).squeeze(-1);
}

torch::Tensor Entropy(const torch::Tensor& logits) {
  torch::Tensor log_p = torch::log_softmax(logits, -1);
  return -(log_p.exp() * log_p).sum(-1);
}

}  // namespace advlab::rl
