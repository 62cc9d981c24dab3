#include "crafting/demo_tensors.h"

namespace advlab::crafting {
namespace {

torch::Tensor Words(const adversarial::WordTokenizer& tokenizer,
                    const std::vector<std::string>& texts) {
  torch::Tensor words =
      torch::zeros({static_cast<int64_t>(texts.size()), tokenizer.context()}, torch::kLong);
  auto w = words.accessor<int64_t, 2>();
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::vector<int64_t> ids = tokenizer.Encode(texts[i]);
    for (size_t k = 0; k < ids.size(); ++k)
      w[static_cast<int64_t>(i)][static_cast<int64_t>(k)] = ids[k];
  }
  return words;
}

}  // namespace

torch::Tensor GoalWords(const envs::crafting::Recipes& recipes,
                        const adversarial::WordTokenizer& tokenizer) {
  std::vector<std::string> names;
  for (const envs::crafting::Goal& goal : recipes.AllGoals())
    names.push_back(recipes.GoalName(goal));
  return Words(tokenizer, names);
}

DemoTensors ToTensors(const Demonstrations& d, const NetShapes& s, const torch::Tensor& goal_words,
                      const adversarial::WordTokenizer& tokenizer) {
  const int64_t n = d.size();
  auto longs = [](const std::vector<int>& v) {
    return torch::tensor(std::vector<int64_t>(v.begin(), v.end()), torch::kLong);
  };
  DemoTensors t;
  t.planes = torch::from_blob(const_cast<uint8_t*>(d.planes.data()),
                              {n, s.planes, s.height, s.width}, torch::kUInt8)
                 .clone();
  t.carried =
      torch::from_blob(const_cast<float*>(d.carried.data()), {n, s.carried}, torch::kFloat).clone();
  t.goal_words = goal_words.index_select(0, longs(d.goal));
  t.action = longs(d.action);
  t.instruction = Words(tokenizer, d.instructions).index_select(0, longs(d.instruction));
  return t;
}

}  // namespace advlab::crafting
