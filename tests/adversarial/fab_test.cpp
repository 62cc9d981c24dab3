// FAB's projection onto the linearised boundary inside the pixel box, and
// FAB / FAB-T on the fixed linear classifier, where the closest adversary of
// each class pair is exactly that projection.
#include <catch2/catch.hpp>

#include <random>

#include "adversarial/attack_math.h"
#include "adversarial/attacks.h"
#include "adversarial/boundary_projection.h"
#include "tests/adversarial/linear_classifier.h"

using namespace advlab::adversarial;
using advlab::testing::LinearClassifier;

namespace {

double NormOf(const std::vector<float>& d, Norm norm) {
  double total = 0;
  for (float v : d)
    total = norm == Norm::kL2 ? total + double(v) * v : std::max(total, double(std::abs(v)));
  return norm == Norm::kL2 ? std::sqrt(total) : total;
}

double Dot(const std::vector<float>& a, const std::vector<float>& b) {
  double total = 0;
  for (size_t i = 0; i < a.size(); ++i) total += double(a[i]) * b[i];
  return total;
}

}  // namespace

TEST_CASE("FAB's projection reaches the plane by the smallest step inside the box",
          "[adversarial][fab]") {
  const std::vector<float> middle = {0.5f, 0.5f};
  SECTION("hand-computed cases") {
    // L-inf, no bound binding: w . d = 0.5 split evenly.
    std::vector<float> d =
        ProjectOntoBoundary(Norm::kLinf, middle.data(), std::vector<float>{1, 1}.data(), 1.5, 2);
    CHECK(d[0] == Approx(0.25));
    CHECK(d[1] == Approx(0.25));
    // L-inf, the first pixel meets 1 after 0.1: the second carries the rest.
    const std::vector<float> near_top = {0.9f, 0.5f};
    d = ProjectOntoBoundary(Norm::kLinf, near_top.data(), std::vector<float>{1, 1}.data(), 2.0, 2);
    CHECK(d[0] == Approx(0.1).margin(1e-6));
    CHECK(d[1] == Approx(0.5).margin(1e-6));
    // L2: d = mu w with mu (1 + 4) = 1.
    d = ProjectOntoBoundary(Norm::kL2, middle.data(), std::vector<float>{1, 2}.data(), 2.5, 2);
    CHECK(d[0] == Approx(0.2));
    CHECK(d[1] == Approx(0.4));
    // The plane below: the step goes down.
    d = ProjectOntoBoundary(Norm::kL2, middle.data(), std::vector<float>{1, 0}.data(), 0.2, 2);
    CHECK(d[0] == Approx(-0.3));
    CHECK(d[1] == 0.0f);
    // Out of the box's reach: every pixel at the bound nearer the plane.
    d = ProjectOntoBoundary(Norm::kLinf, middle.data(), std::vector<float>{1, -1}.data(), 3.0, 2);
    CHECK(d[0] == Approx(0.5));
    CHECK(d[1] == Approx(-0.5));
  }
  SECTION("random planes: on the plane, in the box, and no feasible neighbour is shorter") {
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> unit(0, 1), centred(-1, 1);
    for (Norm norm : {Norm::kLinf, Norm::kL2}) {
      for (int trial = 0; trial < 200; ++trial) {
        const int n = 2 + trial % 7;
        std::vector<float> t(n), w(n);
        for (int i = 0; i < n; ++i) {
          t[i] = unit(rng);
          w[i] = trial % 5 == 0 && i == 0 ? 0.0f : centred(rng);
        }
        double low = 0, high = 0;  // w . u over the box
        for (int i = 0; i < n; ++i) {
          low += std::min(0.0f, w[i]);
          high += std::max(0.0f, w[i]);
        }
        const double b = low + (high - low) * (0.05 + 0.9 * unit(rng));
        const std::vector<float> d = ProjectOntoBoundary(norm, t.data(), w.data(), b, n);
        std::vector<float> u(n);
        for (int i = 0; i < n; ++i) {
          u[i] = t[i] + d[i];
          REQUIRE(u[i] >= -1e-6f);
          REQUIRE(u[i] <= 1 + 1e-6f);
          if (w[i] == 0) REQUIRE(d[i] == 0.0f);
        }
        REQUIRE(Dot(w, u) == Approx(b).margin(1e-5));
        // Moving along the plane (a direction orthogonal to w) to any point
        // still in the box never shortens the step.
        for (int probe = 0; probe < 50; ++probe) {
          std::vector<float> e(n);
          for (int i = 0; i < n; ++i) e[i] = centred(rng);
          const double along = Dot(e, w) / Dot(w, w);
          std::vector<float> other(n);
          bool inside = true;
          for (int i = 0; i < n; ++i) {
            other[i] = d[i] + 0.05f * static_cast<float>(e[i] - along * w[i]);
            inside &= t[i] + other[i] >= 0 && t[i] + other[i] <= 1;
          }
          if (inside) REQUIRE(NormOf(other, norm) >= NormOf(d, norm) - 1e-5);
        }
      }
    }
  }
}

TEST_CASE("FAB-T finds the closest adversary of the linear classifier to within its overshoot",
          "[adversarial][fab]") {
  LinearClassifier model(/*classes=*/6);
  auto [x, y] = model.Batch(24);
  const torch::Tensor clean = model.Fn()(x);
  const torch::Tensor second = clean.argsort(1, /*descending=*/true).select(1, 1);
  for (Norm norm : {Norm::kLinf, Norm::kL2}) {
    AttackSpec spec;
    spec.method = AttackMethod::kFabT;
    spec.norm = norm;
    spec.epsilon = 100;  // unbounded: every adversary counts, so distances can be compared
    spec.steps = 30;
    spec.targets = 1;
    INFO(spec.Name());
    AttackResult r = RunAttack(spec, model.Fn(), x, y, {});
    REQUIRE(r.success.all().item<bool>());
    CHECK(model.Fn()(r.adversarial).argmax(1).ne(y).all().item<bool>());
    CHECK(r.adversarial.min().item<float>() >= 0.0f);
    CHECK(r.adversarial.max().item<float>() <= 1.0f);
    const torch::Tensor found = PerturbationNorm(r.adversarial - x, norm);
    for (int64_t i = 0; i < x.size(0); ++i) {
      const torch::Tensor xi = x[i].flatten().contiguous();
      // For a linear model the boundary with class j is a plane, and the
      // closest point past it is its projection: no adversary is closer
      // than the nearest such plane, and FAB-T's first step lands on the
      // target's plane, overshot by 5%.
      double nearest = INFINITY, to_target = INFINITY;
      const int64_t yi = y[i].item<int64_t>();
      for (int64_t j = 0; j < model.weight.size(0); ++j) {
        if (j == yi) continue;
        torch::Tensor w = (model.weight[j] - model.weight[yi]).contiguous();
        const double b = (model.bias[yi] - model.bias[j]).item<double>();
        const std::vector<float> d =
            ProjectOntoBoundary(norm, xi.data_ptr<float>(), w.data_ptr<float>(), b, xi.numel());
        const double length = NormOf(d, norm);
        nearest = std::min(nearest, length);
        if (j == second[i].item<int64_t>()) to_target = length;
      }
      CHECK(found[i].item<double>() >= nearest - 1e-4);
      CHECK(found[i].item<double>() <= 1.05 * to_target + 1e-4);
    }
  }
}

TEST_CASE("untargeted FAB steps onto the boundary nearest in the linear model",
          "[adversarial][fab]") {
  LinearClassifier model(/*classes=*/6);
  auto [x, y] = model.Batch(24);
  const torch::Tensor clean = model.Fn()(x);
  for (Norm norm : {Norm::kLinf, Norm::kL2}) {
    AttackSpec spec;
    spec.method = AttackMethod::kFab;
    spec.norm = norm;
    spec.epsilon = 100;
    spec.steps = 30;
    INFO(spec.Name());
    AttackResult r = RunAttack(spec, model.Fn(), x, y, {});
    REQUIRE(r.success.all().item<bool>());
    const torch::Tensor found = PerturbationNorm(r.adversarial - x, norm);
    for (int64_t i = 0; i < x.size(0); ++i) {
      // FAB's first step lands, overshot by 5%, on the box projection onto the
      // plane with the smallest |f_j| / ||w_j - w_y||_dual.
      const int64_t yi = y[i].item<int64_t>();
      double best_ratio = INFINITY, chosen = INFINITY;
      const torch::Tensor xi = x[i].flatten().contiguous();
      for (int64_t j = 0; j < model.weight.size(0); ++j) {
        if (j == yi) continue;
        torch::Tensor w = (model.weight[j] - model.weight[yi]).contiguous();
        const double f = (clean[i][j] - clean[i][yi]).item<double>();
        const double dual = (norm == Norm::kL2 ? w.norm(2) : w.abs().sum()).item<double>();
        if (std::abs(f) / dual >= best_ratio) continue;
        best_ratio = std::abs(f) / dual;
        const double b = (model.bias[yi] - model.bias[j]).item<double>();
        chosen = NormOf(
            ProjectOntoBoundary(norm, xi.data_ptr<float>(), w.data_ptr<float>(), b, xi.numel()),
            norm);
      }
      CHECK(found[i].item<double>() <= 1.05 * chosen + 1e-4);
    }
  }
}

TEST_CASE("FAB keeps only adversaries within epsilon and leaves misclassified images alone",
          "[adversarial][fab]") {
  LinearClassifier model(/*classes=*/10);
  auto [x, y] = model.Batch(32);
  y[0] = (y[0] + 1) % 10;  // misclassified when clean
  for (AttackMethod method : {AttackMethod::kFab, AttackMethod::kFabT}) {
    for (Norm norm : {Norm::kLinf, Norm::kL2}) {
      AttackSpec spec;
      spec.method = method;
      spec.norm = norm;
      spec.epsilon = norm == Norm::kL2 ? 0.3 : 4.0 / 255;
      spec.steps = 20;
      spec.targets = 3;
      spec.restarts = 2;
      spec.seed = 5;
      INFO(spec.Name());
      AttackResult r = RunAttack(spec, model.Fn(), x, y, {});
      const torch::Tensor distance = PerturbationNorm(r.adversarial - x, norm);
      CHECK(distance.masked_select(r.success).le(spec.epsilon + 1e-6).all().item<bool>());
      CHECK(distance.masked_select(~r.success).eq(0).all().item<bool>());
      CHECK(model.Fn()(r.adversarial).argmax(1).ne(y).masked_select(r.success).all().item<bool>());
      CHECK_FALSE(r.success[0].item<bool>());
      CHECK(r.success.sum().item<int64_t>() > 0);
      CHECK(r.success.sum().item<int64_t>() < 32);  // a small budget leaves some robust
      // The same seed gives the same adversaries.
      CHECK(torch::equal(RunAttack(spec, model.Fn(), x, y, {}).adversarial, r.adversarial));
    }
  }
}
