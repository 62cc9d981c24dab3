#include "rl/categorical.h"

#include <ATen/CPUGeneratorImpl.h>

#include <catch2/catch.hpp>
#include <cmath>

using namespace advlab::rl;

TEST_CASE("log-probabilities and entropy match direct computation", "[categorical]") {
  torch::Tensor logits = torch::tensor({{1.0f, 2.0f, 0.5f}, {-3.0f, 0.0f, 3.0f}});
  torch::Tensor actions = torch::tensor({1, 0}, torch::kLong);
  torch::Tensor log_p = LogProbabilities(logits, actions);
  torch::Tensor entropy = Entropy(logits);
  auto l = logits.accessor<float, 2>();
  for (int row = 0; row < 2; ++row) {
    double z = 0;
    for (int a = 0; a < 3; ++a) z += std::exp(l[row][a]);
    double h = 0;
    for (int a = 0; a < 3; ++a) {
      double p = std::exp(l[row][a]) / z;
      h -= p * std::log(p);
    }
    int chosen = actions[row].item<int>();
    CHECK(log_p[row].item<double>() == Approx(l[row][chosen] - std::log(z)).epsilon(1e-5));
    CHECK(entropy[row].item<double>() == Approx(h).epsilon(1e-5));
  }
  // Uniform logits: entropy log(A).
  CHECK(Entropy(torch::zeros({1, 7}))[0].item<double>() == Approx(std::log(7.0)));
  // Hugely negative logits stay finite (no -inf * 0).
  torch::Tensor masked = torch::tensor({{0.0f, -1e9f, -1e9f}});
  CHECK(std::isfinite(Entropy(masked)[0].item<double>()));
  CHECK(Entropy(masked)[0].item<double>() == Approx(0.0).margin(1e-6));
}

TEST_CASE("sampling follows the probabilities and is seeded", "[categorical]") {
  torch::Tensor logits = torch::log(torch::tensor({{0.7f, 0.2f, 0.1f}})).repeat({20000, 1});
  auto generator = at::make_generator<at::CPUGeneratorImpl>(3);
  torch::Tensor actions = SampleActions(logits, generator);
  CHECK(actions.size(0) == 20000);
  for (int a = 0; a < 3; ++a) {
    double frequency = (actions == a).to(torch::kFloat).mean().item<double>();
    double expected = a == 0 ? 0.7 : a == 1 ? 0.2 : 0.1;
    CHECK(frequency == Approx(expected).margin(0.015));
  }
  auto again = at::make_generator<at::CPUGeneratorImpl>(3);
  CHECK(torch::equal(SampleActions(logits, again), actions));
}

TEST_CASE("a rank's share of a sample is that rows' part of the whole batch's", "[categorical]") {
  // Sharded sampling must reproduce the single-process draw exactly (the
  // data-parallel UED training relies on it), and leave the generator where
  // the whole batch's draw would.
  torch::manual_seed(5);
  torch::Tensor logits = torch::randn({7, 5}) * 3;
  auto whole = at::make_generator<at::CPUGeneratorImpl>(11);
  torch::Tensor expected = SampleActions(logits, whole);
  std::vector<torch::Tensor> parts;
  at::Generator last;
  for (int rank = 0; rank < 3; ++rank) {
    const WorldShard shard = WorldShard::Of(7, rank, 3);
    auto generator = at::make_generator<at::CPUGeneratorImpl>(11);
    parts.push_back(SampleActions(logits.slice(0, shard.begin, shard.end()), generator, shard));
    last = generator;
  }
  CHECK(torch::equal(torch::cat(parts), expected));
  CHECK(torch::equal(torch::rand({4}, last), torch::rand({4}, whole)));
  CHECK(WorldShard::Of(7, 0, 3).count + WorldShard::Of(7, 1, 3).count +
            WorldShard::Of(7, 2, 3).count ==
        7);
  CHECK(WorldShard::Of(7, 2, 3).end() == 7);
}
