#pragma once
// The two imitation agents of Ask Your Humans at the crafting world's size.
//   StateEncoder         agent-centred planes -> conv 3x3 pad 1, ReLU -> conv
//                        3x3 stride 2 (twice the channels), ReLU -> flatten with
//                        the carried vector -> dense `hidden`, ReLU
//   GoalEncoder          the goal's words ("iron ingot"): sum of embeddings -> dense
//                        (a bag of words, so a new combination of known words is
//                        encoded from known parts)
//   ActionImitation (a)  state, goal -> MLP -> 6 action logits
//   InstructionGenerator (b) state, goal -> initial GRU state; a GRU language
//                        model over the instruction's words (pad starts and ends it)
//   InstructedPolicy (b) state, instruction (GRU over its words) -> MLP -> 6 logits
// The hierarchical agent acts only through the instruction it generated:
// its policy never sees the goal.
#include <torch/torch.h>

#include "crafting/crafting_options.h"

namespace advlab::crafting {

struct NetShapes {
  int64_t planes = 0, height = 0, width = 0, carried = 0, vocabulary = 0, context = 0;
};

class StateEncoderImpl : public torch::nn::Module {
 public:
  StateEncoderImpl(const NetShapes& shapes, const CraftingNetOptions& options);
  torch::Tensor forward(const torch::Tensor& planes, const torch::Tensor& carried);

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::Linear dense_{nullptr};
};
TORCH_MODULE(StateEncoder);

class GoalEncoderImpl : public torch::nn::Module {
 public:
  GoalEncoderImpl(const NetShapes& shapes, const CraftingNetOptions& options);
  torch::Tensor forward(const torch::Tensor& words);  // [B, context] ids, pad 0

 private:
  torch::nn::Embedding embedding_{nullptr};
  torch::nn::Linear dense_{nullptr};
};
TORCH_MODULE(GoalEncoder);

class ActionImitationImpl : public torch::nn::Module {
 public:
  ActionImitationImpl(const NetShapes& shapes, const CraftingNetOptions& options);
  torch::Tensor forward(const torch::Tensor& planes, const torch::Tensor& carried,
                        const torch::Tensor& goal_words);

 private:
  StateEncoder state_{nullptr};
  GoalEncoder goal_{nullptr};
  torch::nn::Linear hidden_{nullptr}, logits_{nullptr};
};
TORCH_MODULE(ActionImitation);

class InstructionGeneratorImpl : public torch::nn::Module {
 public:
  InstructionGeneratorImpl(const NetShapes& shapes, const CraftingNetOptions& options);
  // Teacher forcing: logits [B, context, V] for the next word at each
  // position of `words` (the instruction's ids, pad after its end).
  torch::Tensor forward(const torch::Tensor& planes, const torch::Tensor& carried,
                        const torch::Tensor& goal_words, const torch::Tensor& words);
  // Greedy decoding: ids [B, context], pad after the first pad.
  torch::Tensor Generate(const torch::Tensor& planes, const torch::Tensor& carried,
                         const torch::Tensor& goal_words);

 private:
  torch::Tensor Start(const torch::Tensor& planes, const torch::Tensor& carried,
                      const torch::Tensor& goal_words);
  int64_t context_;
  StateEncoder state_{nullptr};
  GoalEncoder goal_{nullptr};
  torch::nn::Linear start_{nullptr}, words_out_{nullptr};
  torch::nn::Embedding embedding_{nullptr};
  torch::nn::GRU gru_{nullptr};
};
TORCH_MODULE(InstructionGenerator);

class InstructedPolicyImpl : public torch::nn::Module {
 public:
  InstructedPolicyImpl(const NetShapes& shapes, const CraftingNetOptions& options);
  torch::Tensor forward(const torch::Tensor& planes, const torch::Tensor& carried,
                        const torch::Tensor& words);

 private:
  StateEncoder state_{nullptr};
  torch::nn::Embedding embedding_{nullptr};
  torch::nn::GRU gru_{nullptr};
  torch::nn::Linear hidden_{nullptr}, logits_{nullptr};
};
TORCH_MODULE(InstructedPolicy);

// Words in each row of `words` before its first pad (at least 1).
torch::Tensor WordCounts(const torch::Tensor& words);
// Shifts `words` right by one: pad is the start token.
torch::Tensor TeacherForcingInputs(const torch::Tensor& words);

}  // namespace advlab::crafting
