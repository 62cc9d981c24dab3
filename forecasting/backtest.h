#pragma once
// Backtests in the style of Owen 2024: fit a family on the k smallest models,
// predict every larger one, and score the absolute error in percentage points
// against the distance in orders of magnitude of training compute between the
// largest model fitted and the model predicted.
#include <string>
#include <vector>

#include "forecasting/curve_fit.h"

namespace advlab::forecasting {

struct BacktestPoint {
  int n_train = 0;          // models fitted (the k smallest)
  int target = 0;           // index of the predicted point within the series
  double distance_oom = 0;  // log10(C_target / C_largest_fitted)
  double predicted = 0, actual = 0;
  double abs_error_pp = 0;   // 100 |predicted - actual|
  bool near_chance = false;  // every fitted point was within 0.05 of chance
};

// `x` and `y` in ascending compute order with `log10_flop` beside them.
std::vector<BacktestPoint> Backtest(CurveFamily family, const std::vector<double>& x,
                                    const std::vector<double>& y,
                                    const std::vector<double>& log10_flop, int min_train,
                                    double x_floor, const BoundSettings& bounds, int starts,
                                    const FitSettings& settings = {});

}  // namespace advlab::forecasting
