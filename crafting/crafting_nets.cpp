#include "crafting/crafting_nets.h"

#include "envs/crafting_world.h"

namespace advlab::crafting {

namespace nn = torch::nn;

StateEncoderImpl::StateEncoderImpl(const NetShapes& s, const CraftingNetOptions& o) {
  conv1_ =
      register_module("conv1", nn::Conv2d(nn::Conv2dOptions(s.planes, o.channels, 3).padding(1)));
  conv2_ = register_module("conv2",
                           nn::Conv2d(nn::Conv2dOptions(o.channels, 2 * o.channels, 3).stride(2)));
  const int64_t h = (s.height - 3) / 2 + 1, w = (s.width - 3) / 2 + 1;
  dense_ = register_module("dense", nn::Linear(2 * o.channels * h * w + s.carried, o.hidden));
}

torch::Tensor StateEncoderImpl::forward(const torch::Tensor& planes, const torch::Tensor& carried) {
  torch::Tensor h = torch::relu(conv2_(torch::relu(conv1_(planes))));
  return torch::relu(dense_(torch::cat({h.flatten(1), carried}, 1)));
}

GoalEncoderImpl::GoalEncoderImpl(const NetShapes& s, const CraftingNetOptions& o) {
  embedding_ = register_module(
      "embedding", nn::Embedding(nn::EmbeddingOptions(s.vocabulary, o.embedding).padding_idx(0)));
  dense_ = register_module("dense", nn::Linear(o.embedding, o.hidden));
}

torch::Tensor GoalEncoderImpl::forward(const torch::Tensor& words) {
  return torch::relu(dense_(embedding_(words).sum(1)));  // pad embeds to zero
}

ActionImitationImpl::ActionImitationImpl(const NetShapes& s, const CraftingNetOptions& o) {
  state_ = register_module("state", StateEncoder(s, o));
  goal_ = register_module("goal", GoalEncoder(s, o));
  hidden_ = register_module("hidden", nn::Linear(2 * o.hidden, o.hidden));
  logits_ = register_module("logits", nn::Linear(o.hidden, envs::crafting::kActions));
}

torch::Tensor ActionImitationImpl::forward(const torch::Tensor& planes,
                                           const torch::Tensor& carried,
                                           const torch::Tensor& goal_words) {
  const torch::Tensor h = torch::cat({state_(planes, carried), goal_(goal_words)}, 1);
  return logits_(torch::relu(hidden_(h)));
}

InstructionGeneratorImpl::InstructionGeneratorImpl(const NetShapes& s, const CraftingNetOptions& o)
    : context_(s.context) {
  state_ = register_module("state", StateEncoder(s, o));
  goal_ = register_module("goal", GoalEncoder(s, o));
  start_ = register_module("start", nn::Linear(2 * o.hidden, o.hidden));
  embedding_ =
      register_module("embedding", nn::Embedding(nn::EmbeddingOptions(s.vocabulary, o.embedding)));
  gru_ = register_module("gru", nn::GRU(nn::GRUOptions(o.embedding, o.hidden).batch_first(true)));
  words_out_ = register_module("words_out", nn::Linear(o.hidden, s.vocabulary));
}

torch::Tensor InstructionGeneratorImpl::Start(const torch::Tensor& planes,
                                              const torch::Tensor& carried,
                                              const torch::Tensor& goal_words) {
  const torch::Tensor h = torch::cat({state_(planes, carried), goal_(goal_words)}, 1);
  return torch::tanh(start_(h)).unsqueeze(0);  // [1, B, hidden]
}

torch::Tensor InstructionGeneratorImpl::forward(const torch::Tensor& planes,
                                                const torch::Tensor& carried,
                                                const torch::Tensor& goal_words,
                                                const torch::Tensor& words) {
  const torch::Tensor inputs = embedding_(TeacherForcingInputs(words));
  return words_out_(std::get<0>(gru_(inputs, Start(planes, carried, goal_words))));
}

torch::Tensor InstructionGeneratorImpl::Generate(const torch::Tensor& planes,
                                                 const torch::Tensor& carried,
                                                 const torch::Tensor& goal_words) {
  torch::Tensor h = Start(planes, carried, goal_words);
  const int64_t batch = planes.size(0);
  const auto on = torch::TensorOptions().device(planes.device());
  torch::Tensor word = torch::zeros({batch, 1}, on.dtype(torch::kLong));
  torch::Tensor ended = torch::zeros({batch}, on.dtype(torch::kBool));
  std::vector<torch::Tensor> words;
  for (int64_t t = 0; t < context_; ++t) {
    auto [out, next_h] = gru_(embedding_(word), h);
    h = next_h;
    torch::Tensor next = words_out_(out.squeeze(1)).argmax(1);
    next = next.masked_fill(ended, 0);
    ended = ended.logical_or(next.eq(0));
    words.push_back(next);
    word = next.unsqueeze(1);
  }
  return torch::stack(words, 1);
}

InstructedPolicyImpl::InstructedPolicyImpl(const NetShapes& s, const CraftingNetOptions& o) {
  state_ = register_module("state", StateEncoder(s, o));
  embedding_ = register_module(
      "embedding", nn::Embedding(nn::EmbeddingOptions(s.vocabulary, o.embedding).padding_idx(0)));
  gru_ = register_module("gru", nn::GRU(nn::GRUOptions(o.embedding, o.hidden).batch_first(true)));
  hidden_ = register_module("hidden", nn::Linear(2 * o.hidden, o.hidden));
  logits_ = register_module("logits", nn::Linear(o.hidden, envs::crafting::kActions));
}

torch::Tensor InstructedPolicyImpl::forward(const torch::Tensor& planes,
                                            const torch::Tensor& carried,
                                            const torch::Tensor& words) {
  const torch::Tensor out = std::get<0>(gru_(embedding_(words)));  // [B, context, hidden]
  const torch::Tensor last = (WordCounts(words) - 1).view({-1, 1, 1}).expand({-1, 1, out.size(2)});
  const torch::Tensor instruction = out.gather(1, last).squeeze(1);
  const torch::Tensor h = torch::cat({state_(planes, carried), instruction}, 1);
  return logits_(torch::relu(hidden_(h)));
}

torch::Tensor WordCounts(const torch::Tensor& words) { return words.ne(0).sum(1).clamp_min(1); }

torch::Tensor TeacherForcingInputs(const torch::Tensor& words) {
  return torch::cat(
      {torch::zeros({words.size(0), 1}, words.options()), words.slice(1, 0, words.size(1) - 1)}, 1);
}

}  // namespace advlab::crafting
