#pragma once
// The forecast job: load the data, analyse it, and write into a run directory
//   models.csv, normalised_scores.csv, skipped_rows.csv, fits.csv,
//   fit_summary.csv, bands.csv, backtest_points.csv, backtest_mae.csv,
//   forecasts.csv, figures/*.svg (+ .gp, .dat), report.json, report.html.
// The caller owns the run directory, its config.yaml and manifest.json.
#include <filesystem>
#include <string>
#include <vector>

#include "forecasting/forecast_options.h"

namespace advlab::forecasting {

struct ForecastSummary {
  int benchmarks = 0, categories = 0;
  double analysis_seconds = 0;
  std::vector<std::string> late_takeoff;  // categories whose midpoint lies past the largest model
  std::string figure_error;               // non-empty when gnuplot could not render
};

// `data` comes from LoadDataset(options.data), loaded by the caller before it
// creates the run directory so that bad input leaves nothing behind.
ForecastSummary RunForecast(const ForecastOptions& options, const Dataset& data,
                            const std::filesystem::path& run_dir);

}  // namespace advlab::forecasting
