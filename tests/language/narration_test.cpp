// Narration shaping: the language file, the grounding model's data and
// logits, and the shaping bonus, on small inputs.
#include <catch2/catch.hpp>
#include <fstream>

#include "core/error.h"
#include "language/grounding_model.h"
#include "language/narration_language.h"
#include "language/narration_shaper.h"
#include "tests/temp_dir.h"

using namespace advlab::language;
using advlab::envs::landmarks::LandmarkWorlds;
using Catch::Matchers::Contains;

namespace {

NarrationLanguage Shipped() {
  return LoadNarrationLanguage(std::string(ADVLAB_SOURCE_DIR) +
                               "/language/data/narration_language.yaml");
}

NarrationOptions SmallOptions() {
  NarrationOptions o;
  o.world.size = 5;
  o.world.wall_density = 0;
  o.world.landmarks = 4;
  o.world.order = {0, 1};
  o.world.max_steps = 20;
  return o;
}

}  // namespace

TEST_CASE("the shipped narration language loads and fills its templates", "[language][narration]") {
  const NarrationLanguage language = Shipped();
  REQUIRE(language.colours.size() == 4);
  CHECK(language.Step("go to the {colour} square", 2) == "go to the blue square");
  CHECK(language.train_templates.size() >= 4);
  CHECK(language.held_out_templates.size() >= 2);
}

TEST_CASE("a bad narration language file names the file and the key", "[language][narration]") {
  advlab::testing::TempDir dir;
  const std::string good_templates =
      "templates:\n  train: [\"go to the {colour} square\"]\n  held_out: [\"find {colour}\"]\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"colours: [red]\n", "templates"},
      {"colours: []\n" + good_templates, "colours"},
      {"colours: [red, red]\n" + good_templates, "colours"},
      {"colours: [dark red]\n" + good_templates, "colours"},
      {"colours: [red]\nshapes: [x]\n" + good_templates, "shapes"},
      {"colours: [red]\ntemplates:\n  train: [go to the square]\n  held_out: [\"find {colour}\"]\n",
       "templates.train"},
      {"colours: [red]\ntemplates:\n  train: [\"Go to {colour}\"]\n  held_out: [\"find "
       "{colour}\"]\n",
       "templates.train"},
      {"colours: [red]\ntemplates:\n  train: [\"go {colour} {colour}\"]\n  held_out: [\"a "
       "{colour}\"]\n",
       "templates.train"},
      {"colours: [red]\ntemplates:\n  train: [\"go {colour}\"]\n  held_out: [\"go {colour}\"]\n",
       "templates.held_out"},
      {"colours: [red]\ntemplates:\n  train: [\"go {colour}\"]\n  test: [\"a {colour}\"]\n",
       "templates.test"},
      {"colours: [red]\ntemplates:\n  train: [\"go {colour}\"]\n  train: [\"a {colour}\"]\n",
       "train"},
  };
  for (const auto& [text, key] : cases) {
    INFO(text);
    std::ofstream(dir / "n.yaml") << text;
    CHECK_THROWS_WITH(LoadNarrationLanguage(dir / "n.yaml"), Contains("n.yaml") && Contains(key));
  }
}

TEST_CASE("grounding states carry the labelling program's answer", "[language][narration]") {
  const NarrationOptions o = SmallOptions();
  auto [planes, under] = SampleGroundingStates(o.world, 200, 7);
  REQUIRE(planes.size(0) == 200);
  int on_landmark = 0;
  for (int i = 0; i < 200; ++i) {
    const torch::Tensor agent = planes[i][o.world.landmarks + 1];  // the agent's plane
    const int u = under[static_cast<size_t>(i)];
    for (int c = 0; c < o.world.landmarks; ++c) {
      const bool together = (agent * planes[i][1 + c]).sum().item<float>() > 0;
      CHECK(together == (u == c));
    }
    on_landmark += u >= 0 ? 1 : 0;
  }
  CHECK(on_landmark > 60);  // half of the states put the agent on a landmark
  CHECK(on_landmark < 140);
}

TEST_CASE("grounding logits are the scaled cosine plus the bias", "[language][narration]") {
  advlab::adversarial::ClipNetOptions clip;
  clip.channels = 7;
  clip.conv_widths = {4};
  clip.embed_dim = 3;
  clip.text_encoder = "pooling";
  clip.text_width = 4;
  clip.context = 6;
  clip.pixel_std = {1.0};
  clip.initial_temperature = 0.5;
  GroundingNet net(clip, 10);
  const torch::Tensor states = torch::tensor({{1.0F, 0.0F, 0.0F}, {0.6F, 0.8F, 0.0F}});
  const torch::Tensor steps = torch::tensor({{0.0F, 1.0F, 0.0F}});
  const torch::Tensor logits = net->Logits(states, steps);
  // scale 1 / 0.5 = 2, bias -5: 2 * 0 - 5 and 2 * 0.8 - 5.
  CHECK(logits[0][0].item<float>() == Approx(-5.0));
  CHECK(logits[1][0].item<float>() == Approx(-3.4));
}

TEST_CASE("shaping pays each step of the narration once, in order", "[language][narration]") {
  NarrationOptions o = SmallOptions();
  o.bonus = 0.5;
  const NarrationLanguage language = Shipped();
  LandmarkWorlds worlds(o.world, 1);
  worlds.Reset(0, 3);
  auto& w = worlds.world(0);
  const torch::Tensor planes = torch::zeros({1, worlds.PlaneCount(), 5, 5});
  int64_t paid = 0, agreed = 0;

  SECTION("oracle: the labelling program decides") {
    NarrationShaper oracle(o, language, Shaping::kOracle, nullptr, 1, 1);
    w.agent = w.landmarks[1];  // the second step's landmark, out of turn
    CHECK(oracle.Rewards(worlds, planes, &paid, &agreed)[0] == 0);
    w.agent = w.landmarks[0];
    CHECK(oracle.Rewards(worlds, planes, &paid, &agreed)[0] == 0.5F);
    CHECK(oracle.Rewards(worlds, planes, &paid, &agreed)[0] == 0);  // once only
    w.agent = w.landmarks[1];
    CHECK(oracle.Rewards(worlds, planes, &paid, &agreed)[0] == 0.5F);
    CHECK(oracle.Rewards(worlds, planes, &paid, &agreed)[0] == 0);  // the narration is over
    CHECK(paid == 2);
    CHECK(agreed == 2);
    oracle.NewEpisode(0);
    CHECK(oracle.next_step(0) == 0);
  }
  SECTION("narration: a model that reads every state as a match pays each step once") {
    std::vector<std::string> corpus;
    for (const std::string& t : language.train_templates) corpus.push_back(language.Step(t, 0));
    GroundingModel model;
    model.tokenizer = advlab::adversarial::WordTokenizer::Build(corpus, 8);
    advlab::adversarial::ClipNetOptions clip;
    clip.channels = static_cast<int>(worlds.PlaneCount());
    clip.conv_widths = {4};
    clip.embed_dim = 4;
    clip.text_encoder = "pooling";
    clip.text_width = 4;
    clip.context = 8;
    model.net = GroundingNet(clip, model.tokenizer.vocabulary_size());
    {
      torch::NoGradGuard no_grad;
      model.net->named_parameters()["bias"].fill_(100.0);
    }
    NarrationShaper narration(o, language, Shaping::kNarration, &model, 1, 1);
    w.agent = w.landmarks[0];
    CHECK(narration.Rewards(worlds, planes, &paid, &agreed)[0] == 0.5F);  // agreed
    CHECK(narration.Rewards(worlds, planes, &paid, &agreed)[0] == 0.5F);  // not on step 2's
    CHECK(narration.Rewards(worlds, planes, &paid, &agreed)[0] == 0);
    CHECK(paid == 2);
    CHECK(agreed == 1);
  }
  SECTION("sparse: never") {
    NarrationShaper sparse(o, language, Shaping::kSparse, nullptr, 1, 1);
    w.agent = w.landmarks[0];
    CHECK(sparse.Rewards(worlds, planes, &paid, &agreed)[0] == 0);
    CHECK(paid == 0);
  }
}

TEST_CASE("the grounding model learns the program's labels", "[language][narration]") {
  NarrationOptions o = SmallOptions();
  o.grounding.steps = 300;
  o.grounding.batch = 64;
  o.grounding.test_states = 300;
  const GroundingModel model = TrainGrounding(o, Shipped(), 11, torch::kCPU);
  REQUIRE(model.scores.size() == 2);
  const GroundingScore& train = model.scores[0];
  INFO("accuracy " << train.accuracy << " recall " << train.recall << " false "
                   << train.false_match);
  CHECK(train.phrasings == "train");
  // Guessing "no match" everywhere scores 1 - 1/8 on accuracy but 0 recall.
  CHECK(train.recall > 0.9);
  CHECK(train.false_match < 0.05);
  CHECK(model.scores[1].phrasings == "held_out");
  CHECK(model.template_scores.size() == 12);  // the shipped file's 8 + 4 templates
  CHECK(model.scores[1].pairs ==
        300 * 4 * static_cast<int64_t>(Shipped().held_out_templates.size()));
}
