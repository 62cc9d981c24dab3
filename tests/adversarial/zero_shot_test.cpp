#include "adversarial/zero_shot.h"

#include <catch2/catch.hpp>

#include "adversarial/clip_model.h"
#include "core/error.h"
#include "tests/temp_dir.h"

using namespace advlab::adversarial;
using Catch::Matchers::Contains;

namespace {

// Texts embed to fixed vectors; images are their own (flattened) embedding.
class FixedEncoder : public DualEncoder {
 public:
  std::map<std::string, std::vector<float>> texts;
  torch::Tensor EncodeImages(const torch::Tensor& pixels) override {
    return torch::nn::functional::normalize(pixels.flatten(1),
                                            torch::nn::functional::NormalizeFuncOptions().dim(1));
  }
  torch::Tensor EncodeTexts(const std::vector<std::string>& batch) override {
    std::vector<torch::Tensor> rows;
    for (const std::string& t : batch) rows.push_back(torch::tensor(texts.at(t)));
    return torch::nn::functional::normalize(torch::stack(rows),
                                            torch::nn::functional::NormalizeFuncOptions().dim(1));
  }
  double LogitScale() override { return 10; }
  std::vector<double> PixelStd() const override { return {1}; }
  int channels() const override { return 1; }
  torch::Device device() const override { return torch::kCPU; }
  std::string Describe() const override { return "fixed"; }
};

}  // namespace

TEST_CASE("template ensembles average unit embeddings and renormalise", "[adversarial][zeroshot]") {
  FixedEncoder encoder;
  encoder.texts = {{"a x", {1, 0}}, {"the x", {0, 2}}, {"a y", {-1, 0}}, {"the y", {0, -1}}};
  ZeroShotClassifier classifier(encoder, {"x", "y"}, {"a {}", "the {}"});
  float h = static_cast<float>(std::sqrt(0.5));
  CHECK(torch::allclose(classifier.class_embeddings(), torch::tensor({{h, h}, {-h, -h}})));
  // logits = scale * cosine.
  torch::Tensor image = torch::tensor({1.0f, 0.0f}).view({1, 1, 1, 2});
  CHECK(torch::allclose(classifier.Logits(image), torch::tensor({{10 * h, -10 * h}})));
  CHECK(Accuracy(classifier.Probabilities(image), torch::tensor({0}, torch::kLong)) == 1.0);
}

TEST_CASE("the lab's CLIP model round-trips through its checkpoint", "[adversarial][zeroshot]") {
  advlab::testing::TempDir dir;
  ClipNetOptions options;
  options.conv_widths = {4, 8};
  options.embed_dim = 8;
  options.text_width = 8;
  options.text_heads = 2;
  options.text_layers = 1;
  options.context = 6;
  torch::manual_seed(0);
  ClipModel model(options, WordTokenizer::Build({"a photo of a coat", "a bag"}, 6), torch::kCPU);
  model.net()->eval();
  model.Save(dir / "model.pt");
  auto loaded = ClipModel::Load(dir / "model.pt", torch::kCPU);
  torch::Tensor images = torch::rand({3, 1, 28, 28});
  CHECK(torch::allclose(model.EncodeImages(images), loaded->EncodeImages(images)));
  CHECK(torch::allclose(model.EncodeTexts({"a coat", "a parka"}),
                        loaded->EncodeTexts({"a coat", "a parka"})));
  CHECK(loaded->LogitScale() == Approx(1 / 0.07).epsilon(1e-5));
  CHECK(torch::allclose(loaded->EncodeImages(images).norm(2, 1), torch::ones({3})));

  torch::save(torch::ones({1}), (dir / "other.pt").string());
  CHECK_THROWS_AS(ClipModel::Load(dir / "other.pt", torch::kCPU), advlab::InputError);
  CHECK_THROWS_WITH(ClipModel::Load(dir / "absent.pt", torch::kCPU), Contains("absent.pt"));
}

TEST_CASE("near chance: less than a quarter of the way from chance to perfect", "[zero_shot]") {
  // Ten classes: the bar is 0.325. Held-out synonyms at 0.164 are near chance.
  CHECK(NearChance(0.164, 0.1));
  CHECK(NearChance(0.32, 0.1));
  CHECK_FALSE(NearChance(0.33, 0.1));
  CHECK_FALSE(NearChance(0.80, 0.1));
  CHECK(NearChance(0.6, 0.5));  // two classes: the bar is 0.625
}
