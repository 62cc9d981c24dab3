#include "forecasting/backtest.h"

#include <algorithm>
#include <cmath>

namespace advlab::forecasting {

std::vector<BacktestPoint> Backtest(CurveFamily family, const std::vector<double>& x,
                                    const std::vector<double>& y,
                                    const std::vector<double>& log10_flop, int min_train,
                                    double x_floor, const BoundSettings& bound_settings, int starts,
                                    const FitSettings& settings) {
  std::vector<BacktestPoint> points;
  int n = static_cast<int>(x.size());
  for (int k = std::max(min_train, 2); k < n; ++k) {
    std::vector<double> train_x(x.begin(), x.begin() + k);
    std::vector<double> train_y(y.begin(), y.begin() + k);
    CurveBounds bounds = DefaultBounds(family, train_x, x_floor, bound_settings);
    FitResult fit = FitCurve(family, train_x, train_y, bounds,
                             StartsFor(family, train_x, train_y, bounds, starts), settings);
    bool near_chance =
        std::all_of(train_y.begin(), train_y.end(), [](double v) { return std::abs(v) < 0.05; });
    for (int j = k; j < n; ++j) {
      BacktestPoint point;
      point.n_train = k;
      point.target = j;
      point.distance_oom = log10_flop[j] - log10_flop[k - 1];
      point.predicted = Evaluate(family, fit.params, x[j]);
      point.actual = y[j];
      point.abs_error_pp = 100.0 * std::abs(point.predicted - point.actual);
      point.near_chance = near_chance;
      points.push_back(point);
    }
  }
  return points;
}

}  // namespace advlab::forecasting
