// AutoAttack's sanity checks, each tripped by a model built to trip it.
#include "adversarial/robustness_checks.h"

#include <catch2/catch.hpp>

#include "tests/adversarial/linear_classifier.h"

using namespace advlab::adversarial;
using Catch::Matchers::Contains;
using advlab::testing::LinearClassifier;

namespace {

bool Raised(const std::vector<CheckFlag>& flags, const std::string& check) {
  for (const CheckFlag& flag : flags) {
    if (flag.check == check) return flag.raised;
  }
  FAIL("no check " << check);
  return false;
}

std::vector<AttackSpec> Suite(int targets = 9) {
  AttackSpec ensemble;
  ensemble.method = AttackMethod::kEnsemble;
  ensemble.targets = targets;
  return {ensemble};
}

}  // namespace

TEST_CASE("a plain logit model raises no flag", "[adversarial][checks]") {
  LinearClassifier model(10);
  auto [x, y] = model.Batch(32);
  for (const CheckFlag& flag : CheckModel(model.Fn(), x, y, Suite())) {
    INFO(flag.check << ": " << flag.detail);
    CHECK_FALSE(flag.raised);
    CHECK_FALSE(flag.meaning.empty());
  }
}

TEST_CASE("each model check trips on the model built for it", "[adversarial][checks]") {
  LinearClassifier model(10);
  auto [x, y] = model.Batch(32);
  const LogitsFn f = model.Fn();
  // A random layer: every pass answers differently.
  LogitsFn noisy = [f](const torch::Tensor& p) { return f(p + 0.05 * torch::randn_like(p)); };
  CHECK(Raised(CheckModel(noisy, x, y, Suite()), "randomised_outputs"));
  // Probabilities instead of logits.
  LogitsFn softmax = [f](const torch::Tensor& p) { return torch::softmax(f(p), 1); };
  CHECK(Raised(CheckModel(softmax, x, y, Suite()), "softmax_output"));
  // A defence that takes a gradient step inside its forward pass: it needs
  // grad mode and fails without it.
  LogitsFn dynamic = [f](const torch::Tensor& p) {
    torch::Tensor z = p.detach().requires_grad_(true);
    torch::Tensor g = torch::autograd::grad({f(z).logsumexp(1).sum()}, {z})[0];
    return f(p - 0.01 * g.sign());
  };
  CHECK(Raised(CheckModel(dynamic, x, y, Suite()), "gradient_inside_forward"));
  // Three classes cannot carry targeted DLR; ten cannot carry 12 targets.
  LinearClassifier three(3);
  auto [x3, y3] = three.Batch(16);
  CHECK(Raised(CheckModel(three.Fn(), x3, y3, Suite(2)), "too_few_classes"));
  CHECK(Raised(CheckModel(f, x, y, Suite(12)), "too_few_classes"));
  CHECK_FALSE(Raised(CheckModel(f, x, y, Suite(9)), "too_few_classes"));
}

TEST_CASE("zero gradients and Square beating the white-box attacks are flagged",
          "[adversarial][checks]") {
  CHECK(CheckZeroGradient(3, 10).raised);
  CHECK_FALSE(CheckZeroGradient(0, 10).raised);
  EnsembleTrace trace{
      "ensemble_linf at 0.03", 0.8, {"apgd_linf", "apgd_t_linf", "square_linf"}, {0.5, 0.45, 0.40}};
  CHECK(CheckSquareImprovement({trace}).raised);
  trace.robust_accuracy = {0.5, 0.45, 0.449};  // within 0.002
  CHECK_FALSE(CheckSquareImprovement({trace}).raised);
  CHECK_THAT(CheckSquareImprovement({trace}).detail, Contains("found nothing"));
  trace.members = {"square_linf", "apgd_linf"};  // Square first: nothing to compare with
  trace.robust_accuracy = {0.5, 0.3};
  CHECK_FALSE(CheckSquareImprovement({trace}).raised);
  CHECK_THAT(CheckSquareImprovement({trace}).detail, Contains("not applicable"));
  trace.members = {"apgd_linf", "apgd_t_linf"};  // no Square
  CHECK_FALSE(CheckSquareImprovement({trace}).raised);
}
