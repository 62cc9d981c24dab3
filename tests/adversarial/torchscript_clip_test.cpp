// An external CLIP as users bring one: a TorchScript file with encode_image
// and encode_text, plus a BPE merges file. Both are made here.
#include "adversarial/torchscript_clip.h"

#include <torch/script.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "adversarial/attack_math.h"
#include "adversarial/attacks.h"
#include "adversarial/zero_shot.h"
#include "core/csv_reader.h"
#include "core/error.h"
#include "tests/temp_dir.h"
#include "tests/tools/run_advlab.h"

using namespace advlab::adversarial;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

constexpr int kEmbed = 4;

TorchScriptOptions WriteTinyClip(const advlab::testing::TempDir& dir, torch::Tensor* image_proj,
                                 torch::Tensor* token_embedding) {
  std::ofstream(dir / "merges.txt") << "#version: 0.2\nc a\nca t</w>\nd o\ndo g</w>\n";
  torch::manual_seed(5);
  *image_proj = torch::randn({3 * 8 * 8, kEmbed});
  *token_embedding = torch::randn({512 + 4 + 2, kEmbed});
  torch::jit::Module module("TinyClip");
  module.register_parameter("image_proj", *image_proj, false);
  module.register_parameter("token_embedding", *token_embedding, false);
  module.register_parameter("logit_scale", torch::tensor(std::log(50.0f)), false);
  module.define(R"JIT(
def encode_image(self, image):
    return torch.matmul(image.flatten(1), self.image_proj)

def encode_text(self, text):
    return self.token_embedding[text].sum(1)
)JIT");
  module.save((dir / "tiny_clip.pt").string());
  TorchScriptOptions options;
  options.model = dir / "tiny_clip.pt";
  options.bpe_merges = dir / "merges.txt";
  options.resolution = 8;
  options.context = 8;
  options.input_channels = 1;
  return options;
}

}  // namespace

TEST_CASE("a TorchScript CLIP encodes, classifies and can be attacked",
          "[adversarial][torchscript]") {
  advlab::testing::TempDir dir;
  torch::Tensor image_proj, token_embedding;
  TorchScriptOptions options = WriteTinyClip(dir, &image_proj, &token_embedding);
  TorchScriptClip clip(options, torch::kCPU);
  CHECK(clip.LogitScale() == Approx(50).epsilon(1e-5));

  // Grey 4x4 images: repeated to RGB, resized to 8x8 bicubically, normalised.
  torch::Tensor pixels = torch::rand({2, 1, 4, 4});
  torch::Tensor rgb = torch::nn::functional::interpolate(
      pixels.expand({-1, 3, -1, -1}), torch::nn::functional::InterpolateFuncOptions()
                                          .size(std::vector<int64_t>{8, 8})
                                          .mode(torch::kBicubic)
                                          .align_corners(false));
  torch::Tensor mean = torch::tensor({0.48145466f, 0.4578275f, 0.40821073f}).view({1, 3, 1, 1});
  torch::Tensor std = torch::tensor({0.26862954f, 0.26130258f, 0.27577711f}).view({1, 3, 1, 1});
  torch::Tensor expected = torch::matmul(((rgb - mean) / std).flatten(1), image_proj);
  expected = expected / expected.norm(2, 1, true);
  CHECK(torch::allclose(clip.EncodeImages(pixels), expected, 1e-4, 1e-5));

  // "cat": [<|startoftext|>, cat</w>, <|endoftext|>, 0 ...] summed.
  torch::Tensor text =
      token_embedding[516] + token_embedding[513] + token_embedding[517] + 5 * token_embedding[0];
  CHECK(torch::allclose(clip.EncodeTexts({"cat"})[0], text / text.norm(), 1e-5));

  ZeroShotClassifier classifier(clip, {"cat", "dog"}, {"{}"});
  auto labels = classifier.Probabilities(pixels).argmax(1);
  AttackSpec spec;
  spec.epsilon = 0.1;
  spec.step_size = 0.02;
  AttackResult r = RunAttack(spec, [&](const torch::Tensor& x) { return classifier.Logits(x); },
                             pixels, labels, {});
  CHECK(PerturbationNorm(r.adversarial - pixels, Norm::kLinf).max().item<double>() <= 0.1 + 1e-6);
  CHECK(r.gradient_steps.min().item<int64_t>() >= 1);
}

TEST_CASE("a bad TorchScript file is named", "[adversarial][torchscript]") {
  advlab::testing::TempDir dir;
  torch::Tensor a, b;
  TorchScriptOptions options = WriteTinyClip(dir, &a, &b);
  std::ofstream(dir / "junk.pt") << "junk";
  options.model = dir / "junk.pt";
  CHECK_THROWS_WITH(TorchScriptClip(options, torch::kCPU), Contains("junk.pt"));
  torch::jit::Module module("NoText");
  module.define("def encode_image(self, image):\n    return image\n");
  module.save((dir / "no_text.pt").string());
  options.model = dir / "no_text.pt";
  CHECK_THROWS_WITH(TorchScriptClip(options, torch::kCPU), Contains("encode_text"));
}

TEST_CASE("advlab attack evaluates a TorchScript CLIP end to end", "[adversarial][torchscript][cli]") {
  advlab::testing::TempDir dir;
  torch::Tensor a, b;
  const TorchScriptOptions options = WriteTinyClip(dir, &a, &b);
  const std::string configs = std::string(ADVLAB_SOURCE_DIR) + "/configs/";
  const std::string model = " model.kind=torchscript model.torchscript=" + options.model.string() +
                            " model.bpe_merges=" + options.bpe_merges.string() +
                            " model.resolution=8 model.context=40";
  // Byte-level tokens (the merges file has four merges): the names and their
  // synonyms fit a 40-token context, the longer descriptions would not.
  const fs::path out = dir / "attack";
  auto ran = advlab::testing::Run(
      "attack --config " + configs + "attack_smoke.yaml --out " + out.string() + model +
      " data.test_images=24 sweep.attacks=[pgd_linf,ensemble_linf] sweep.linf_epsilons_255=[8]"
      " apgd.steps=4 square.queries=20 relabel.sets=[synonyms] relabel.images=8 fort.steps=3");
  INFO(ran.output);
  REQUIRE(ran.status == 0);
  CHECK_THAT(ran.output, Contains("TorchScript"));
  const auto sweep = advlab::core::ReadCsv(out / "sweep.csv");
  REQUIRE(sweep.rows.size() == 2);
  for (const auto& row : sweep.rows) {
    CHECK(sweep.Number(row, "max_linf") <= 8.0 / 255 + 1e-4);
    CHECK(sweep.Number(row, "min_pixel") >= 0);
    CHECK(sweep.Number(row, "max_pixel") <= 1);
    CHECK(sweep.Number(row, "robust_accuracy") <= sweep.Number(row, "clean_accuracy") + 1e-9);
  }
  const auto stages = advlab::core::ReadCsv(out / "ensemble.csv");
  REQUIRE(stages.rows.size() == 4);
  CHECK(stages.Cell(stages.rows[0], "version") == "standard");
  for (const char* file : {"checks.csv", "relabel_summary.csv", "report.html"}) {
    INFO(file);
    CHECK(fs::exists(out / file));
  }
  // A model file that is not TorchScript: exit status 2, the file named.
  std::ofstream(dir / "junk.pt") << "junk";
  auto bad = advlab::testing::Run("attack --config " + configs + "attack_smoke.yaml --out " +
                                  (dir / "bad").string() + model +
                                  " model.torchscript=" + (dir / "junk.pt").string());
  CHECK(bad.status == 2);
  CHECK_THAT(bad.output, Contains("junk.pt"));
  CHECK_FALSE(fs::exists(dir / "bad" / "sweep.csv"));
}
