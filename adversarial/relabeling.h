#pragma once
// Fort's relabeling test: adversarial images built against label set A are
// classified again under other label sets (synonyms, descriptions, held-out
// phrasings) whose class i means the same as A's class i. An adversary
// "transfers" to set B when B's argmax on it is the class it was aimed at.
// Two baselines bound the effect: the clean images, and the clean images
// plus random noise of the same L2 norm as each adversarial perturbation.
#include <torch/torch.h>

#include <string>
#include <vector>

#include "adversarial/summaries.h"

namespace advlab::adversarial {

struct TransferPair {
  std::string label_set;
  int true_class = 0, target_class = 0;
  int64_t successful = 0;
  double transfer_rate = 0, target_probability = 0;
};

struct TransferResult {
  TransferSummary summary;
  std::vector<TransferPair> pairs;  // only pairs with a successful adversary
};

// Probabilities [N, C] (CPU) of one label set on the clean, adversarial and
// noise images; labels, targets [N]; success [N] under set A.
TransferResult SummariseTransfer(const std::string& label_set, bool trained,
                                 const torch::Tensor& clean, const torch::Tensor& adversarial,
                                 const torch::Tensor& noise, const torch::Tensor& labels,
                                 const torch::Tensor& targets, const torch::Tensor& success);

// clean + a random direction of the same L2 length as (adversarial - clean),
// clamped to [0, 1] when the attack was bounded.
torch::Tensor MatchedNoise(const torch::Tensor& clean, const torch::Tensor& adversarial, bool clamp,
                           uint64_t seed);

// A random target different from each label, seeded.
torch::Tensor RandomTargets(const torch::Tensor& labels, int64_t classes, uint64_t seed);

}  // namespace advlab::adversarial
