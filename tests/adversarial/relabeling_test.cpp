#include "adversarial/relabeling.h"

#include <catch2/catch.hpp>

using namespace advlab::adversarial;

TEST_CASE("transfer statistics on a hand-made table", "[adversarial][relabel]") {
  // Three images, three classes. Image 2's attack failed under set A.
  torch::Tensor labels = torch::tensor({0, 1, 2}, torch::kLong);
  torch::Tensor targets = torch::tensor({1, 2, 0}, torch::kLong);
  torch::Tensor success = torch::tensor({true, true, false});
  torch::Tensor clean = torch::tensor({{0.8, 0.1, 0.1}, {0.2, 0.7, 0.1}, {0.1, 0.1, 0.8}});
  torch::Tensor adversarial = torch::tensor({{0.1, 0.6, 0.3}, {0.5, 0.4, 0.1}, {0.9, 0.05, 0.05}});
  torch::Tensor noise = clean.clone();

  TransferResult r =
      SummariseTransfer("synonyms", true, clean, adversarial, noise, labels, targets, success);
  CHECK(r.summary.attacked == 3);
  CHECK(r.summary.successful == 2);
  CHECK(r.summary.clean_accuracy == Approx(1.0));
  CHECK(r.summary.transfer_rate == Approx(0.5));        // image 0 reads as its target
  CHECK(r.summary.target_probability == Approx(0.35));  // (0.6 + 0.1) / 2
  CHECK(r.summary.still_true_rate == Approx(0.0));
  CHECK(r.summary.clean_transfer_rate == Approx(0.0));
  CHECK(r.summary.clean_target_probability == Approx(0.1));
  REQUIRE(r.pairs.size() == 2);
  CHECK(r.pairs[0].true_class == 0);
  CHECK(r.pairs[0].target_class == 1);
  CHECK(r.pairs[0].transfer_rate == Approx(1.0));
  CHECK(r.pairs[1].transfer_rate == Approx(0.0));
}

TEST_CASE("random targets differ from labels, noise matches the perturbation's norm",
          "[adversarial][relabel]") {
  torch::Tensor labels = torch::arange(1000, torch::kLong).remainder(10);
  torch::Tensor targets = RandomTargets(labels, 10, 3);
  CHECK(targets.ne(labels).all().item<bool>());
  CHECK(targets.min().item<int64_t>() == 0);
  CHECK(targets.max().item<int64_t>() == 9);
  CHECK(torch::equal(targets, RandomTargets(labels, 10, 3)));

  torch::Tensor clean = torch::rand({5, 1, 4, 4});
  torch::Tensor adversarial = clean + 0.3 * torch::randn({5, 1, 4, 4});
  torch::Tensor noisy = MatchedNoise(clean, adversarial, /*clamp=*/false, 1);
  CHECK(torch::allclose((noisy - clean).flatten(1).norm(2, 1),
                        (adversarial - clean).flatten(1).norm(2, 1), 1e-4));
  CHECK_FALSE(torch::allclose(noisy, adversarial));
}
