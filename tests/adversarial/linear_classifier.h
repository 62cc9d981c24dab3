#pragma once
// A fixed linear classifier on 1 x 4 x 4 pixels for attack tests: small
// enough to check every bound exactly, and with a gradient attacks can use.
#include <torch/torch.h>

#include "adversarial/attacks.h"

namespace advlab::testing {

struct LinearClassifier {
  torch::Tensor weight, bias;  // [classes, 16], [classes]

  explicit LinearClassifier(int64_t classes = 4, uint64_t seed = 1) {
    torch::manual_seed(seed);
    weight = torch::randn({classes, 16});
    bias = torch::zeros({classes});
  }
  adversarial::LogitsFn Fn() const {
    return [w = weight, b = bias](const torch::Tensor& x) {
      return torch::matmul(x.flatten(1), w.t()) + b;
    };
  }
  // Images and the labels the classifier gives them (so clean accuracy is 1).
  std::pair<torch::Tensor, torch::Tensor> Batch(int64_t n, uint64_t seed = 2) const {
    torch::manual_seed(seed);
    torch::Tensor x = torch::rand({n, 1, 4, 4});
    return {x, Fn()(x).argmax(1)};
  }
};

}  // namespace advlab::testing
