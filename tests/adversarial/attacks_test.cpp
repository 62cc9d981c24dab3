#include "adversarial/attacks.h"

#include <catch2/catch.hpp>

#include "adversarial/attack_math.h"
#include "tests/adversarial/linear_classifier.h"

using namespace advlab::adversarial;
using advlab::testing::LinearClassifier;

namespace {

AttackSpec Spec(const std::string& method, const std::string& norm, double epsilon, int steps) {
  AttackSpec spec;
  const auto kind = ParseAttackName(method + "_" + norm);
  REQUIRE(kind);
  spec.method = kind->method;
  spec.norm = kind->norm;
  spec.epsilon = epsilon;
  spec.step_size = 0.25 * epsilon;
  spec.steps = steps;
  return spec;
}

bool Equal(const torch::Tensor& a, const torch::Tensor& b) { return torch::equal(a, b); }

}  // namespace

TEST_CASE("PGD stays inside the epsilon ball and the pixel box", "[adversarial][attack]") {
  LinearClassifier model;
  auto [x, y] = model.Batch(64);
  for (const char* method : {"fgsm", "pgd", "apgd"}) {
    for (const char* norm : {"linf", "l2"}) {
      double epsilon = std::string(norm) == "l2" ? 0.5 : 8.0 / 255;
      AttackResult r = RunAttack(Spec(method, norm, epsilon, 10), model.Fn(), x, y, {});
      INFO(method << " " << norm);
      const Norm kind = std::string(norm) == "l2" ? Norm::kL2 : Norm::kLinf;
      CHECK(PerturbationNorm(r.adversarial - x, kind).max().item<double>() <= epsilon + 1e-5);
      CHECK(r.adversarial.min().item<float>() >= 0.0f);
      CHECK(r.adversarial.max().item<float>() <= 1.0f);
      // Success means what it says: the adversarial image is misclassified.
      torch::Tensor wrong = model.Fn()(r.adversarial).argmax(1).ne(y);
      CHECK(Equal(wrong.masked_select(r.success), r.success.masked_select(r.success)));
    }
  }
}

TEST_CASE("FGSM is one signed-gradient step of size epsilon", "[adversarial][attack]") {
  LinearClassifier model;
  auto [x, y] = model.Batch(8);
  const double epsilon = 0.05;
  torch::Tensor input = x.clone().requires_grad_(true);
  torch::Tensor gradient =
      torch::autograd::grad({AscentLoss(model.Fn()(input), y, false).sum()}, {input})[0];
  torch::Tensor expected = (x + epsilon * gradient.sign()).clamp(0, 1);
  AttackResult r = RunAttack(Spec("fgsm", "linf", epsilon, 1), model.Fn(), x, y, {});
  CHECK(torch::allclose(r.adversarial, expected));
}

TEST_CASE("attacks are deterministic per seed", "[adversarial][attack]") {
  LinearClassifier model;
  auto [x, y] = model.Batch(32);
  for (const char* method : {"pgd", "apgd"}) {
    AttackSpec spec = Spec(method, "linf", 4.0 / 255, 5);
    spec.early_stop = false;
    AttackResult a = RunAttack(spec, model.Fn(), x, y, {});
    AttackResult b = RunAttack(spec, model.Fn(), x, y, {});
    spec.seed = 7;
    AttackResult c = RunAttack(spec, model.Fn(), x, y, {});
    CHECK(Equal(a.adversarial, b.adversarial));
    CHECK_FALSE(Equal(a.adversarial, c.adversarial));
  }
}

TEST_CASE("more budget and restarts never lose an adversary", "[adversarial][attack]") {
  LinearClassifier model;
  auto [x, y] = model.Batch(128);
  AttackSpec one = Spec("pgd", "linf", 6.0 / 255, 5);
  AttackSpec three = one;
  three.restarts = 3;
  AttackResult r1 = RunAttack(one, model.Fn(), x, y, {});
  AttackResult r3 = RunAttack(three, model.Fn(), x, y, {});
  // The first restart draws the same start, so every image fooled by one
  // restart is fooled by three.
  CHECK(Equal(r1.success & r3.success, r1.success));
  CHECK(r3.success.sum().item<int64_t>() >= r1.success.sum().item<int64_t>());
  // Early stop spends fewer gradient steps on images fooled early.
  CHECK(r1.gradient_steps.max().item<int64_t>() <= 5);
}

TEST_CASE("targeted attacks reach their targets", "[adversarial][attack]") {
  LinearClassifier model;
  auto [x, y] = model.Batch(32);
  torch::Tensor targets = (y + 1).remainder(4);
  for (const char* method : {"pgd", "apgd"}) {
    AttackSpec spec = Spec(method, "linf", 1.0, 50);
    spec.targeted = true;
    spec.step_size = 0.05;
    AttackResult r = RunAttack(spec, model.Fn(), x, y, targets);
    INFO(method);
    CHECK(r.success.all().item<bool>());
    CHECK(Equal(model.Fn()(r.adversarial).argmax(1), targets));
  }
}

TEST_CASE("Fort's descent stops at the target probability, unbounded", "[adversarial][attack]") {
  LinearClassifier model;
  auto [x, y] = model.Batch(16);
  torch::Tensor targets = (y + 2).remainder(4);
  AttackSpec spec;
  spec.method = AttackMethod::kFort;
  spec.step_size = 0.1;
  spec.steps = 500;
  spec.target_probability = 0.9;
  spec.descent_scale = {0.5};
  AttackResult r = RunAttack(spec, model.Fn(), x, y, targets);
  REQUIRE(r.success.all().item<bool>());
  torch::Tensor p = torch::softmax(model.Fn()(r.adversarial), 1).gather(1, targets.unsqueeze(1));
  CHECK(p.min().item<double>() >= 0.9);
  // Every clean image started below the threshold, so each took steps.
  CHECK(torch::softmax(model.Fn()(x), 1).gather(1, targets.unsqueeze(1)).max().item<double>() <
        0.9);
  CHECK(r.gradient_steps.min().item<int64_t>() >= 1);
  spec.clamp = true;
  AttackResult clamped = RunAttack(spec, model.Fn(), x, y, targets);
  CHECK(clamped.adversarial.min().item<float>() >= 0.0f);
  CHECK(clamped.adversarial.max().item<float>() <= 1.0f);
}

TEST_CASE("APGD checkpoints follow Croce and Hein's schedule", "[adversarial][attack]") {
  CHECK(ApgdCheckpoints(100) == std::vector<int>{0, 22, 41, 57, 70, 80, 87, 93, 99});
  CHECK(ApgdCheckpoints(10) == std::vector<int>{0, 2, 3, 4, 5, 6, 7, 8, 9, 10});
}
