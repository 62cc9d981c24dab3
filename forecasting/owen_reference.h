#pragma once
// Owen 2024's published backtest accuracy of compute-based sigmoid
// extrapolation, read from forecasting/data/owen2024_backtest_mae.csv (the
// data README gives its source), for the backtest table and figure.
#include <vector>

namespace advlab::forecasting {

struct OwenReference {
  double distance_oom;   // orders of magnitude of compute beyond the fit
  double aggregate_pp;   // MAE in percentage points, aggregate benchmark
  double individual_pp;  // individual tasks; NaN where not reported
};

const std::vector<OwenReference>& Owen2024BacktestMae();

}  // namespace advlab::forecasting
