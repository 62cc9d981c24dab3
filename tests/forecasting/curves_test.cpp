#include "forecasting/curves.h"
#include "tests/forecasting/params_helper.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace advlab::forecasting;
using advlab::forecasting::testing::Make;

TEST_CASE("curve gradients match finite differences", "[curves]") {
  const std::pair<CurveFamily, Params> cases[] = {
      {CurveFamily::kLinear, Make({0.3, -0.2})},
      {CurveFamily::kSigmoid, Make({-4.0, 2.0})},
      {CurveFamily::kSigmoidOffset, Make({-4.0, 2.0, 0.1})},
      {CurveFamily::kClippedLinear, Make({-1.5, 2.3})},
      {CurveFamily::kConstant, Make({0.4})},
  };
  for (const auto& [family, p] : cases) {
    for (double x : {1.7, 1.95, 2.2}) {
      double g[3];
      Gradient(family, p, x, g);
      for (int i = 0; i < p.size(); ++i) {
        Params up = p, down = p;
        up[i] += 1e-6;
        down[i] -= 1e-6;
        double numeric = (Evaluate(family, up, x) - Evaluate(family, down, x)) / 2e-6;
        INFO(CurveName(family) << " param " << i << " x " << x);
        CHECK(g[i] == Approx(numeric).margin(1e-6));
      }
    }
  }
}

TEST_CASE("inverse gives the x where a curve reaches a level", "[curves]") {
  Params sigmoid = Make({-5.0, 1.9});
  CHECK(InverseAt(CurveFamily::kSigmoid, sigmoid, 0.5) == Approx(1.9));
  double x90 = InverseAt(CurveFamily::kSigmoid, sigmoid, 0.9);
  CHECK(Evaluate(CurveFamily::kSigmoid, sigmoid, x90) == Approx(0.9));
  Params offset = Make({-5.0, 1.9, 0.2});
  double x = InverseAt(CurveFamily::kSigmoidOffset, offset, 0.6);
  CHECK(Evaluate(CurveFamily::kSigmoidOffset, offset, x) == Approx(0.6));
  CHECK(std::isnan(InverseAt(CurveFamily::kSigmoidOffset, offset, 0.1)));  // below the floor
  CHECK(std::isnan(InverseAt(CurveFamily::kConstant, Make({0.5}), 0.5)));
  CHECK(CurveFromName("clipped_linear") == CurveFamily::kClippedLinear);
  CHECK_THROWS(CurveFromName("cubic"));
}

TEST_CASE("logistic is stable far into both tails", "[curves]") {
  CHECK(Logistic(-800) == 0.0);
  CHECK(Logistic(800) == 1.0);
  CHECK(Logistic(0) == 0.5);
  CHECK(Logit(Logistic(1.7)) == Approx(1.7));
}
