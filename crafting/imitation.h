#pragma once
// Training both agents by imitation of the same demonstrations (Ask Your
// Humans, section 4): (a) cross-entropy of the planner's action given state
// and goal; (b) cross-entropy of the instruction's words given state and
// goal (the generator, teacher-forced) plus cross-entropy of the action
// given state and the demonstrated instruction (the policy). Adam over
// shuffled minibatches; one seed fixes initialisation and order.
#include <functional>
#include <vector>

#include "crafting/demo_tensors.h"

namespace advlab::crafting {

struct HierarchicalAgent {
  InstructionGenerator generator{nullptr};
  InstructedPolicy policy{nullptr};
};

// Per epoch, the mean of each loss over the training demonstrations, then
// each loss over the validation demonstrations (new layouts of the same
// goals): [epochs][2 x losses].
using LossCurve = std::vector<std::vector<double>>;

struct ImitationData {
  const DemoTensors& train;
  const DemoTensors& validation;
};

// Loss: the action's cross-entropy.
ActionImitation TrainActionImitation(const ImitationData& data, const NetShapes& shapes,
                                     const CraftingOptions& options, uint64_t seed,
                                     const torch::Device& device, LossCurve* curve);
// Losses: the generator's per word, the policy's action cross-entropy.
HierarchicalAgent TrainHierarchical(const ImitationData& data, const NetShapes& shapes,
                                    const CraftingOptions& options, uint64_t seed,
                                    const torch::Device& device, LossCurve* curve);

// Cross-entropy of each next word up to and including the end (pad) token.
torch::Tensor InstructionLoss(const torch::Tensor& logits, const torch::Tensor& words);

}  // namespace advlab::crafting
