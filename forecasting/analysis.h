#pragma once
// The computational core of the forecast job, free of any file output:
//
//   Dataset -> per series and family: bounded LM fit (multi-start)
//           -> bootstrap refits -> bands on a shared x grid
//           -> backtests (fit the k smallest models, predict the rest)
//           -> sigmoid thresholds per level, with bootstrap intervals
//
// Work is spread over (series, family) pairs with TBB; every random stream
// is keyed by its pair, so results are identical for any thread count.
#include <functional>
#include <vector>

#include "forecasting/backtest.h"
#include "forecasting/bootstrap.h"
#include "forecasting/forecast_options.h"

namespace advlab::forecasting {

struct FamilyAnalysis {
  CurveFamily family;
  bool fitted = false;  // false when the series has too few points for the family
  FitResult fit;
  std::vector<Params> samples;  // bootstrap refits
  Band band;
  std::vector<BacktestPoint> backtest;
};

struct Threshold {
  double level = 0;
  double x = 0, x_low = 0, x_high = 0;  // on the fit axis; band from the bootstrap
  double reached_fraction = 0;          // share of bootstrap fits that reach the level
};

struct SeriesAnalysis {
  const ScoreSeries* series = nullptr;
  bool is_category = false;
  std::vector<double> x, y, log10_flop;
  std::vector<FamilyAnalysis> families;  // in options.families order
  std::vector<Threshold> thresholds;     // sigmoid, per forecast level
  bool midpoint_beyond_largest = false;  // the late-takeoff flag
  double last_step_gain_fraction = 0;    // (y_last - y_prev) / (y_last - y_first)

  const FamilyAnalysis* Find(CurveFamily family) const;
};

struct Analysis {
  std::vector<double> grid;                 // shared x grid of bands and curves
  double x_smallest = 0, x_largest = 0;     // x of the smallest and largest model
  std::vector<SeriesAnalysis> series;       // benchmarks, then categories
  std::vector<std::string> too_few_points;  // series skipped entirely
};

constexpr int kMinSeriesPoints = 3;

// `on_task_done`, when given, is called (from worker threads) after each
// (series, family) pair; the job uses it for its progress line.
Analysis Analyse(const Dataset& data, const ForecastOptions& options,
                 const std::function<void()>& on_task_done = {});

}  // namespace advlab::forecasting
