// The imitation agents' pieces: the instruction loss, decoding, and the
// vocabulary covering every instruction.
#include <catch2/catch.hpp>

#include "crafting/crafting_eval.h"
#include "crafting/imitation.h"

using namespace advlab::crafting;

TEST_CASE("instruction loss counts each word and the end, nothing after", "[crafting]") {
  // Two instructions of 2 and 1 words in a context of 4; vocabulary 3.
  const torch::Tensor words = torch::tensor({2, 1, 0, 0, 2, 0, 0, 0}, torch::kLong).view({2, 4});
  torch::Tensor logits = torch::zeros({2, 4, 3});
  // Row 0 position 0 puts all its mass on the right word: its loss is ~0.
  logits[0][0][2] = 50;
  const double uniform = std::log(3.0);
  // Counted positions: row 0: 0, 1, 2 (end); row 1: 0, 1 (end).
  const double expected = (0 + uniform + uniform + uniform + uniform) / 5;
  CHECK(InstructionLoss(logits, words).item<double>() == Approx(expected).epsilon(1e-5));
  CHECK(WordCounts(words).equal(torch::tensor({2, 1}, torch::kLong)));
  CHECK(TeacherForcingInputs(words).equal(
      torch::tensor({0, 2, 1, 0, 0, 2, 0, 0}, torch::kLong).view({2, 4})));
}

TEST_CASE("generated instructions end at the first pad", "[crafting]") {
  NetShapes shapes{3, 5, 5, 2, 7, 4};
  CraftingNetOptions options;
  options.channels = 2;
  options.hidden = 8;
  options.embedding = 4;
  torch::manual_seed(1);
  InstructionGenerator generator(shapes, options);
  torch::NoGradGuard no_grad;
  const torch::Tensor words = generator->Generate(torch::rand({6, 3, 5, 5}), torch::rand({6, 2}),
                                                  torch::randint(1, 7, {6, 4}, torch::kLong));
  REQUIRE(words.sizes() == torch::IntArrayRef({6, 4}));
  for (int64_t i = 0; i < 6; ++i) {
    bool ended = false;
    for (int64_t k = 0; k < 4; ++k) {
      if (ended) CHECK(words[i][k].item<int64_t>() == 0);
      ended = ended || words[i][k].item<int64_t>() == 0;
    }
  }
  // Teacher forcing gives a distribution over the vocabulary at each position.
  const torch::Tensor logits = generator(torch::rand({6, 3, 5, 5}), torch::rand({6, 2}),
                                         torch::randint(1, 7, {6, 4}, torch::kLong), words);
  CHECK(logits.sizes() == torch::IntArrayRef({6, 4, 7}));
}

TEST_CASE("the vocabulary knows every word of every instruction and goal", "[crafting]") {
  const std::string data = std::string(ADVLAB_SOURCE_DIR) + "/crafting/data/";
  const auto recipes = advlab::envs::crafting::LoadRecipes(data + "recipes.yaml");
  const InstructionTemplates templates = LoadInstructionTemplates(data + "instructions.yaml");
  const std::vector<std::string> corpus = templates.Corpus(recipes);
  const auto tokenizer = advlab::adversarial::WordTokenizer::Build(corpus, 12);
  for (const std::string& text : corpus) {
    INFO(text);
    const std::vector<int64_t> ids = tokenizer.Encode(text);
    for (int64_t id : ids) CHECK(id != advlab::adversarial::WordTokenizer::kUnknown);
    CHECK(Decode(tokenizer, torch::tensor(ids, torch::kLong)) == text);
  }
}
