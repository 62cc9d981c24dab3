#pragma once
// Settings of the forecast job, read from YAML (configs/forecast.yaml) in
// exactly one place, ReadForecastOptions, which validates every key.
//
//   key                          default             meaning
//   seed                         0                   bootstrap seed
//   data.scores                  kDefaultScores      score CSV (the GPT-3 few-shot table)
//   data.models                  kDefaultModels      model table; "" takes x from the score rows
//   data.setting                 few                 zero | one | few | "" (all)
//   data.exclude_low_confidence  false               drop rows marked low confidence
//   data.ceilings                {}                  benchmark: max_value override
//   data.categories              (GPT-3 grouping)    list of {name, members}
//   x.axis                       loss                loss | log_loss | log_params | log_flop
//   x.loss_source                frontier            frontier | kaplan_lnd | column
//   x.loss_law                   kaplan              kaplan | chinchilla (loss from N, D or C)
//   fit.families                 all five            curve families to fit
//   fit.starts                   8                   LM starts per fit
//   fit.bootstrap                1000                resamples (0 disables bands)
//   fit.band                     0.9                 central coverage of bands
//   fit.midpoint_range           5                   x0 within R of the data, times this
//   fit.min_rise_fraction        0.05                steepest allowed 5%->95% rise, as a
//                                                    fraction of R
//   fit.max_iterations           200                 Levenberg-Marquardt iterations per start
//   backtest.min_train           3                   smallest training set
//   backtest.bins                [0,0.5,1.5,2.5]     distance bins in OOM of compute
//   forecast.levels              [0.5, 0.9]          normalised levels to forecast
//   forecast.usd_per_flop        1.46e-17            GPT-3 175B: 3.14e23 FLOP for ~$4.6M
//   forecast.budget_usd          1e9                 the "$1B" reference line
//   forecast.gpt3_flop           3.14e23             GPT-3 175B training compute
//   forecast.common_crawl_tokens 4.1e11              Common Crawl tokens in GPT-3's mix
//   plot.extend                  1.0                 plot beyond the largest model, times R
//   plot.grid_points             80                  points per curve and band
#include <cstdint>
#include <string>
#include <vector>

#include "forecasting/benchmark_data.h"
#include "forecasting/curve_fit.h"
#include "forecasting/x_axis.h"

namespace advlab::core {
class Config;
}

namespace advlab::forecasting {

// The shipped GPT-3 tables (relative to the project home).
inline constexpr const char* kDefaultScores = "forecasting/data/gpt3_fewshot.csv";
inline constexpr const char* kDefaultModels = "forecasting/data/gpt3_models.csv";

struct ForecastOptions {
  uint64_t seed = 0;
  DataOptions data;
  XAxis axis = XAxis::kLoss;
  std::vector<CurveFamily> families = AllCurveFamilies();
  BoundSettings bounds;
  FitSettings fit;
  int starts = 8;
  int bootstrap = 1000;
  double band = 0.9;
  int backtest_min_train = 3;
  std::vector<double> backtest_bins = {0, 0.5, 1.5, 2.5};
  std::vector<double> levels = {0.5, 0.9};
  double usd_per_flop = 1.46e-17;
  double budget_usd = 1e9;
  double gpt3_flop = 3.14e23;
  double common_crawl_tokens = 4.1e11;
  double plot_extend = 1.0;
  int grid_points = 80;
};

ForecastOptions ReadForecastOptions(core::Config& config);

// Finnveden-style default grouping of the GPT-3 few-shot table into eleven
// categories (see forecasting/README.md).
std::vector<std::pair<std::string, std::vector<std::string>>> Gpt3Categories();

}  // namespace advlab::forecasting
