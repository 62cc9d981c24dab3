#include "forecasting/curve_fit.h"
#include "tests/forecasting/params_helper.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

using namespace advlab::forecasting;
using advlab::forecasting::testing::Make;

namespace {

struct Synthetic {
  std::vector<double> x, y;
};

// Noisy samples of a known curve on a loss-like axis.
Synthetic Sample(CurveFamily family, const Params& truth, double noise, int n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> gauss(0, noise);
  Synthetic data;
  for (int i = 0; i < n; ++i) {
    double x = 2.5 - 0.9 * i / (n - 1);  // 2.5 .. 1.6 nats
    data.x.push_back(x);
    data.y.push_back(Evaluate(family, truth, x) + gauss(rng));
  }
  return data;
}

}  // namespace

TEST_CASE("sigmoid fit recovers known parameters from noisy data", "[fit]") {
  Params truth = Make({-8.0, 2.0});
  for (uint64_t seed : {1u, 2u, 3u}) {
    Synthetic data = Sample(CurveFamily::kSigmoid, truth, 0.01, 24, seed);
    CurveBounds bounds = DefaultBounds(CurveFamily::kSigmoid, data.x, 0.0, {});
    FitResult fit = FitCurve(CurveFamily::kSigmoid, data.x, data.y, bounds,
                             StartsFor(CurveFamily::kSigmoid, data.x, data.y, bounds, 8));
    INFO("seed " << seed);
    CHECK(fit.converged);
    CHECK(fit.params[0] == Approx(-8.0).epsilon(0.05));
    CHECK(fit.params[1] == Approx(2.0).epsilon(0.005));
    // The truth lies within three standard errors.
    CHECK(std::abs(fit.params[0] + 8.0) < 3 * fit.StandardError(0));
    CHECK(std::abs(fit.params[1] - 2.0) < 3 * fit.StandardError(1));
    CHECK(fit.Rmse() == Approx(0.01).epsilon(0.5));
  }
}

TEST_CASE("sigmoid-with-offset fit recovers its floor", "[fit]") {
  Params truth = Make({-10.0, 1.95, 0.2});
  Synthetic data = Sample(CurveFamily::kSigmoidOffset, truth, 0.005, 30, 7);
  CurveBounds bounds = DefaultBounds(CurveFamily::kSigmoidOffset, data.x, 0.0, {});
  FitResult fit = FitCurve(CurveFamily::kSigmoidOffset, data.x, data.y, bounds,
                           StartsFor(CurveFamily::kSigmoidOffset, data.x, data.y, bounds, 8));
  CHECK(fit.params[0] == Approx(-10.0).epsilon(0.1));
  CHECK(fit.params[1] == Approx(1.95).epsilon(0.01));
  CHECK(fit.params[2] == Approx(0.2).margin(0.02));
}

TEST_CASE("LM converges from poor starts", "[fit]") {
  Params truth = Make({-8.0, 2.0});
  Synthetic data = Sample(CurveFamily::kSigmoid, truth, 0.0, 16, 1);
  CurveBounds bounds = DefaultBounds(CurveFamily::kSigmoid, data.x, 0.0, {});
  // Far midpoint and shallow slope; steep slope and a midpoint past the data;
  // a slope of the wrong sign.
  for (Params start : {Make({-1.0, 0.5}), Make({-20.0, 1.5}), Make({3.0, 2.2})}) {
    FitResult fit = FitFromStart(CurveFamily::kSigmoid, data.x, data.y, bounds, start);
    INFO("start k=" << start[0] << " x0=" << start[1]);
    CHECK(fit.sse < 1e-10);
    CHECK(fit.params[0] == Approx(-8.0).epsilon(1e-3));
    CHECK(fit.params[1] == Approx(2.0).epsilon(1e-4));
  }
}

TEST_CASE("fits stay inside their bounds", "[fit]") {
  // Data that want an infinitely steep step: k stops at its bound.
  std::vector<double> x = {2.4, 2.3, 2.2, 2.1, 2.0, 1.9};
  std::vector<double> y = {0, 0, 0, 1, 1, 1};
  BoundSettings settings;
  CurveBounds bounds = DefaultBounds(CurveFamily::kSigmoid, x, 0.0, settings);
  FitResult fit = FitCurve(CurveFamily::kSigmoid, x, y, bounds,
                           StartsFor(CurveFamily::kSigmoid, x, y, bounds, 8));
  CHECK(fit.params[0] >= bounds.lower[0]);
  CHECK(fit.params[0] <= bounds.upper[0]);
  CHECK(fit.params[1] >= bounds.lower[1]);
  CHECK(fit.params[1] <= bounds.upper[1]);
  CHECK(std::abs(fit.params[0]) == Approx(2 * std::log(19.0) / (0.05 * 0.5)));
}

TEST_CASE("linear fit is exact least squares with textbook standard errors", "[fit]") {
  std::vector<double> x = {1, 2, 3, 4, 5};
  std::vector<double> y = {1.1, 1.9, 3.2, 3.9, 5.1};
  FitResult fit = FitCurve(CurveFamily::kLinear, x, y, {}, {});
  // Hand computation: slope = Sxy / Sxx = 10.0 / 10, intercept = 3.04 - 1.0 * 3.
  CHECK(fit.params[1] == Approx(1.0));
  CHECK(fit.params[0] == Approx(0.04));
  double sse = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    double r = y[i] - (0.04 + 1.0 * x[i]);
    sse += r * r;
  }
  CHECK(sse == Approx(0.072));
  CHECK(fit.sse == Approx(sse));
  CHECK(fit.StandardError(1) == Approx(std::sqrt(sse / 3 / 10)));
  CHECK(fit.Aic() == Approx(5 * std::log(sse / 5) + 4));
  CHECK(fit.Bic() == Approx(5 * std::log(sse / 5) + 2 * std::log(5.0)));
  FitResult constant = FitCurve(CurveFamily::kConstant, x, y, {}, {});
  CHECK(constant.params[0] == Approx(3.04));
}
