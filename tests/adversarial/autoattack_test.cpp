// The AutoAttack members beyond APGD-CE (APGD-DLR, APGD-T, Square) and the
// ensemble's flow, on the fixed linear classifier.
#include <catch2/catch.hpp>

#include "adversarial/attack_math.h"
#include "adversarial/attacks.h"
#include "adversarial/autoattack_suite.h"
#include "tests/adversarial/linear_classifier.h"

using namespace advlab::adversarial;
using advlab::testing::LinearClassifier;

namespace {

AttackSpec Spec(AttackMethod method, Norm norm, double epsilon) {
  AttackSpec spec;
  spec.method = method;
  spec.norm = norm;
  spec.epsilon = epsilon;
  spec.steps = 20;
  spec.queries = 300;
  spec.seed = 3;
  return spec;
}

double Robust(const LogitsFn& logits, const torch::Tensor& x, const torch::Tensor& y) {
  torch::NoGradGuard no_grad;
  return logits(x).argmax(1).eq(y).to(torch::kDouble).mean().item<double>();
}

}  // namespace

TEST_CASE("DLR losses follow AutoAttack's definitions", "[adversarial][autoattack]") {
  torch::Tensor z = torch::tensor({{3.0f, 1.0f, 0.0f, -1.0f}});
  torch::Tensor y = torch::tensor({0L}), t = torch::tensor({1L});
  // -(z_y - max other) / (z_(1) - z_(3)) = -(3 - 1) / (3 - 0)
  CHECK(DlrLoss(z, y).item<float>() == Approx(-2.0 / 3));
  // -(z_y - z_t) / (z_(1) - (z_(3) + z_(4)) / 2) = -(3 - 1) / (3 + 0.5)
  CHECK(TargetedDlrLoss(z, y, t).item<float>() == Approx(-2.0 / 3.5));
  CHECK(Margin(z, y).item<float>() == Approx(2.0));
  // Unchanged by shifting or positively rescaling the logits.
  CHECK(DlrLoss(2.5 * z + 7, y).item<float>() == Approx(DlrLoss(z, y).item<float>()));
  CHECK(TargetedDlrLoss(0.5 * z - 3, y, t).item<float>() ==
        Approx(TargetedDlrLoss(z, y, t).item<float>()));
}

TEST_CASE("APGD-DLR, APGD-T and Square stay in the ball and find adversaries",
          "[adversarial][autoattack]") {
  LinearClassifier model(/*classes=*/10);
  auto [x, y] = model.Batch(48);
  for (Norm norm : {Norm::kLinf, Norm::kL2}) {
    const double epsilon = norm == Norm::kL2 ? 0.5 : 16.0 / 255;
    for (AttackMethod method :
         {AttackMethod::kApgdDlr, AttackMethod::kApgdT, AttackMethod::kSquare}) {
      const AttackSpec spec = Spec(method, norm, epsilon);
      INFO(spec.Name());
      AttackResult r = RunAttack(spec, model.Fn(), x, y, {});
      CHECK(PerturbationNorm(r.adversarial - x, norm).max().item<double>() <= epsilon + 1e-5);
      CHECK(r.adversarial.min().item<float>() >= 0.0f);
      CHECK(r.adversarial.max().item<float>() <= 1.0f);
      // Every image reported fooled is misclassified, and some are.
      torch::Tensor wrong = model.Fn()(r.adversarial).argmax(1).ne(y);
      CHECK(torch::equal(wrong.masked_select(r.success), r.success.masked_select(r.success)));
      CHECK(r.success.sum().item<int64_t>() > 0);
      if (method == AttackMethod::kSquare) {
        // One query for the start, then one per proposal, as square.py.
        CHECK(r.gradient_steps.max().item<int64_t>() <= spec.queries + 1);
      }
    }
  }
}

TEST_CASE("the ensemble attacks only what is still robust and keeps the first adversary",
          "[adversarial][autoattack]") {
  LinearClassifier model(/*classes=*/10);
  auto [x, y] = model.Batch(64);
  // Two images labelled wrongly: misclassified when clean, never attacked.
  y[0] = (y[0] + 1) % 10;
  y[1] = (y[1] + 1) % 10;
  AttackSpec spec = Spec(AttackMethod::kEnsemble, Norm::kLinf, 8.0 / 255);
  AttackResult r = RunAttack(spec, model.Fn(), x, y, {});
  REQUIRE(r.stages.size() == 4);  // AutoAttack's standard version
  CHECK(r.stages[0].attack == "apgd_linf");
  CHECK(r.stages[1].attack == "apgd_t_linf");
  CHECK(r.stages[2].attack == "fab_t_linf");
  CHECK(r.stages[3].attack == "square_linf");
  int64_t fooled = 0;
  for (const EnsembleStage& stage : r.stages) fooled += stage.newly_fooled;
  CHECK(fooled == r.success.sum().item<int64_t>());
  CHECK(torch::equal(r.adversarial[0], x[0]));
  CHECK(torch::equal(r.adversarial[1], x[1]));
  CHECK_FALSE(r.success[0].item<bool>());
  // The ensemble is at least as strong as its first member alone.
  AttackSpec first = Spec(AttackMethod::kApgd, Norm::kLinf, 8.0 / 255);
  AttackResult alone = RunAttack(first, model.Fn(), x, y, {});
  CHECK(Robust(model.Fn(), r.adversarial, y) <= Robust(model.Fn(), alone.adversarial, y) + 1e-9);
}

TEST_CASE("DLR attacks leave misclassified images alone, and see no masking there",
          "[adversarial][autoattack]") {
  LinearClassifier model(/*classes=*/10);
  auto [x, y] = model.Batch(24);
  // A third of the labels wrong: misclassified when clean, where the DLR
  // losses can be flat.
  for (int64_t i = 0; i < 24; i += 3) y[i] = (y[i] + 1) % 10;
  for (AttackMethod method : {AttackMethod::kApgdDlr, AttackMethod::kApgdT}) {
    const AttackSpec spec = Spec(method, Norm::kLinf, 8.0 / 255);
    INFO(spec.Name());
    AttackResult r = RunAttack(spec, model.Fn(), x, y, {});
    CHECK(r.zero_gradient_images == 0);
    for (int64_t i = 0; i < 24; i += 3) {
      CHECK(torch::equal(r.adversarial[i], x[i]));
      CHECK_FALSE(r.success[i].item<bool>());
      CHECK(r.gradient_steps[i].item<int64_t>() == 0);
    }
    CHECK(r.gradient_steps[1].item<int64_t>() > 0);
  }
}

TEST_CASE("a step-function model shows APGD-DLR a zero gradient", "[adversarial][autoattack]") {
  LinearClassifier model(/*classes=*/10);
  auto [x, y] = model.Batch(16);
  // Quantised inputs: the gradient is zero almost everywhere (masking).
  LogitsFn quantised = [f = model.Fn()](const torch::Tensor& pixels) {
    return f(torch::round(pixels * 4) / 4);
  };
  AttackSpec spec = Spec(AttackMethod::kApgdDlr, Norm::kLinf, 8.0 / 255);
  // Labelled by the quantised model itself, so that every image is attacked.
  const torch::Tensor own = quantised(x).argmax(1);
  AttackResult r = RunAttack(spec, quantised, x, own, {});
  CHECK(r.zero_gradient_images == 16);
  // The smooth model has none.
  CHECK(RunAttack(spec, model.Fn(), x, y, {}).zero_gradient_images == 0);
}

TEST_CASE("AutoAttack's versions set the members and their settings as autoattack.py does",
          "[adversarial][autoattack]") {
  auto methods = [](const AttackSpec& spec) {
    std::vector<std::string> names;
    for (const EnsembleMember& m : spec.members) {
      names.push_back(MethodName(m.method) + "x" + std::to_string(m.restarts));
    }
    return names;
  };
  AttackSpec spec;
  spec.queries = 100;
  spec.targets = 2;
  ApplySuite("standard", &spec);
  CHECK(methods(spec) == std::vector<std::string>{"apgdx1", "apgd_tx1", "fab_tx1", "squarex1"});
  CHECK(spec.queries == 5000);
  CHECK(spec.targets == 9);
  ApplySuite("plus", &spec);
  CHECK(methods(spec) == std::vector<std::string>{"apgdx5", "apgd_dlrx5", "fabx5", "squarex1",
                                                  "apgd_tx1", "fab_tx1"});
  ApplySuite("rand", &spec);
  CHECK(methods(spec) == std::vector<std::string>{"apgdx1", "apgd_dlrx1"});
  CHECK(spec.eot == 20);
  ApplySuite("cheap", &spec);
  CHECK(methods(spec) == std::vector<std::string>{"apgdx1", "apgd_dlrx1", "fabx1", "squarex1"});
  CHECK(spec.queries == 1000);
  CHECK(spec.rescale_schedule);
  CHECK(spec.eot == 1);
  spec.members = {{AttackMethod::kSquare, 3}};
  ApplySuite("custom", &spec);
  CHECK(methods(spec) == std::vector<std::string>{"squarex3"});
  CHECK_THROWS_AS(ApplySuite("strong", &spec), std::invalid_argument);
}

TEST_CASE("the rand version averages each APGD gradient over its EOT passes",
          "[adversarial][autoattack]") {
  LinearClassifier model(/*classes=*/10);
  // Not a structured binding: the lambda below captures x and y.
  const auto batch = model.Batch(16);
  const torch::Tensor& x = batch.first;
  const torch::Tensor& y = batch.second;
  AttackSpec spec = Spec(AttackMethod::kEnsemble, Norm::kLinf, 8.0 / 255);
  ApplySuite("rand", &spec);
  spec.steps = 5;
  int calls = 0;
  LogitsFn counted = [&, f = model.Fn()](const torch::Tensor& pixels) {
    ++calls;
    return f(pixels);
  };
  AttackResult r = RunAttack(spec, counted, x, y, {});
  REQUIRE(r.stages.size() == 2);
  // Per member: the clean pass, 20 passes at the start and at each of the
  // 5 steps, and the ensemble's re-classification; APGD-DLR only on the
  // images APGD-CE left robust.
  CHECK(r.gradient_steps.max().item<int64_t>() <= 2 * 6 * 20);
  CHECK(calls >= 1 + 6 * 20 + 1);
  // Exactly eot - 1 extra passes at each of APGD's 1 + steps gradients.
  AttackSpec apgd = Spec(AttackMethod::kApgd, Norm::kLinf, 8.0 / 255);
  apgd.steps = 5;
  auto passes = [&](int eot) {
    apgd.eot = eot;
    calls = 0;
    RunAttack(apgd, counted, x, y, {});
    return calls;
  };
  CHECK(passes(3) - passes(1) == 2 * 6);
  // Averaging identical gradients changes nothing on a deterministic model.
  AttackSpec once = spec;
  once.eot = 1;
  CHECK(Robust(model.Fn(), RunAttack(once, model.Fn(), x, y, {}).adversarial, y) ==
        Approx(Robust(model.Fn(), r.adversarial, y)).margin(1.0 / 16));
}
