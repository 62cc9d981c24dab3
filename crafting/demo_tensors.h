#pragma once
// The demonstrations as tensors for imitation: planes stay bytes until a
// batch is drawn (a few hundred MB as floats at the default size), words
// are the lab's word tokenizer's ids.
#include <torch/torch.h>

#include "adversarial/word_tokenizer.h"
#include "crafting/crafting_nets.h"
#include "crafting/demonstrations.h"

namespace advlab::crafting {

struct DemoTensors {
  torch::Tensor planes;       // [N, C, H, W] uint8
  torch::Tensor carried;      // [N, K] float
  torch::Tensor goal_words;   // [N, context] long
  torch::Tensor action;       // [N] long
  torch::Tensor instruction;  // [N, context] long

  int64_t size() const { return action.size(0); }
};

// Token ids of each goal of Recipes::AllGoals(), [goals, context].
torch::Tensor GoalWords(const envs::crafting::Recipes& recipes,
                        const adversarial::WordTokenizer& tokenizer);
DemoTensors ToTensors(const Demonstrations& demos, const NetShapes& shapes,
                      const torch::Tensor& goal_words, const adversarial::WordTokenizer& tokenizer);

}  // namespace advlab::crafting
