#include "forecasting/backtest.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace advlab::forecasting;

TEST_CASE("backtests fit the smallest models and score the larger ones", "[backtest]") {
  // Exact linear data: every forecast is perfect, whatever the distance.
  std::vector<double> x = {2.4, 2.3, 2.2, 2.1, 2.0};
  std::vector<double> y, log_flop = {20, 20.5, 21, 22, 23};
  for (double v : x) y.push_back(1.2 - 0.5 * v);
  auto points = Backtest(CurveFamily::kLinear, x, y, log_flop, 3, 0.0, {}, 4);
  // k = 3 predicts 2 models, k = 4 predicts 1.
  REQUIRE(points.size() == 3);
  CHECK(points[0].n_train == 3);
  CHECK(points[0].distance_oom == Approx(1.0));
  CHECK(points[1].distance_oom == Approx(2.0));
  CHECK(points[2].distance_oom == Approx(1.0));
  for (const auto& p : points) CHECK(p.abs_error_pp < 1e-9);

  // The constant baseline misses the trend by the growth since the fit.
  auto constant = Backtest(CurveFamily::kConstant, x, y, log_flop, 3, 0.0, {}, 4);
  double mean = (y[0] + y[1] + y[2]) / 3;
  CHECK(constant[0].abs_error_pp == Approx(100 * std::abs(y[3] - mean)));
}

TEST_CASE("backtests flag training sets that sit at chance", "[backtest]") {
  std::vector<double> x = {2.4, 2.3, 2.2, 2.1, 2.0};
  std::vector<double> y = {0.0, 0.01, 0.02, 0.3, 0.6};
  std::vector<double> log_flop = {20, 20.5, 21, 22, 23};
  auto points = Backtest(CurveFamily::kSigmoid, x, y, log_flop, 3, 0.0, {}, 4);
  CHECK(points[0].near_chance);
  CHECK_FALSE(points.back().near_chance);
}
