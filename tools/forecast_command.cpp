#include <cstdio>

#include "core/error.h"
#include "forecasting/forecast_job.h"
#include "tools/commands.h"
#include "tools/job.h"
#include "tools/job_setup.h"

namespace advlab {
namespace {

constexpr const char* kHelp = R"(usage: advlab forecast [--config FILE] [--out DIR] [key=value ...]

Fits linear and sigmoid curves (and offset, clipped-linear and constant
baselines) to GPT-3 benchmark scores against validation loss, with bootstrap
bands, backtests and forecasts (Finnveden 2020, "Extrapolating GPT-N
performance").

  --config FILE   YAML config (default: configs/forecast.yaml)
  --out DIR       run directory (default: runs/forecast-<UTC time>)
  key=value       override a config key, e.g. fit.bootstrap=200 x.axis=log_flop

Writes config.yaml, manifest.json, models.csv, normalised_scores.csv,
fits.csv, fit_summary.csv, bands.csv, backtest_points.csv, backtest_mae.csv,
forecasts.csv, skipped_rows.csv, figures/ and report.html.
)";

void CheckForecastJob(const JobArgs& args) {
  auto setup =
      SetUpJob<forecasting::ForecastOptions>("forecast", args, forecasting::ReadForecastOptions);
  forecasting::LoadDataset(setup.options.data);
}

std::string RunForecastJob(const JobArgs& args, const std::optional<std::filesystem::path>& out) {
  auto setup =
      SetUpJob<forecasting::ForecastOptions>("forecast", args, forecasting::ReadForecastOptions);
  const forecasting::ForecastOptions& options = setup.options;
  forecasting::Dataset data = forecasting::LoadDataset(options.data);

  report::RunDir run = StartRun("forecast", args, setup.config, options.seed, out);
  forecasting::ForecastSummary summary =
      RecordFailure(run, [&] { return forecasting::RunForecast(options, data, run.path()); });
  run.SetManifest("analysis_seconds", summary.analysis_seconds);
  run.Finish();

  std::string late;
  for (const std::string& name : summary.late_takeoff) late += (late.empty() ? "" : ", ") + name;
  std::printf("forecast: %d benchmark series, %d categories, analysis %.2f s\n", summary.benchmarks,
              summary.categories, summary.analysis_seconds);
  std::printf("forecast: late takeoff (sigmoid midpoint past the largest model): %s\n",
              late.empty() ? "none" : late.c_str());
  if (!summary.figure_error.empty()) {
    std::fprintf(stderr, "forecast: warning: %s\n", summary.figure_error.c_str());
  }
  std::printf("forecast: report %s\n", (run.path() / "report.html").c_str());
  return run.path().string();
}

}  // namespace

const Job& ForecastJob() {
  static const Job job{"forecast", "forecast", kHelp, CheckForecastJob, RunForecastJob};
  return job;
}

int ForecastCommand(const Args& argv) { return RunJobCommand(ForecastJob(), ParseJobArgs(argv)); }

}  // namespace advlab
