#pragma once
// Builders that turn an Analysis into the job's tables and figures. They only
// build values; forecast_job.cpp decides where they are written.
#include <string>
#include <utility>
#include <vector>

#include "forecasting/analysis.h"
#include "report/figure.h"
#include "report/table.h"

namespace advlab::forecasting {

// Reference points of the forecast plots, expressed as losses.
struct ReferenceLosses {
  double gpt3 = 0;          // loss at GPT-3 175B's compute, L(C_min)
  double budget = 0;        // loss at the FLOP a budget buys, L(C_min)
  double common_crawl = 0;  // L(D) with every Common Crawl token
  double budget_flop = 0;
};
ReferenceLosses ComputeReferenceLosses(const ForecastOptions& options);

report::Table ModelsTable(const Dataset& data, const ForecastOptions& options);
report::Table NormalisedDataTable(const Dataset& data);
report::Table SkippedRowsTable(const Dataset& data, const Analysis& analysis);
report::Table FitsTable(const Analysis& analysis, const ForecastOptions& options);
// One row per category: the best family by AIC and every family's RMSE.
report::Table FitSummaryTable(const Analysis& analysis, const ForecastOptions& options);
report::Table BandsTable(const Analysis& analysis, const ForecastOptions& options);
report::Table BacktestPointsTable(const Analysis& analysis, const Dataset& data);
// MAE in pp per scope (aggregate = categories, individual = benchmarks),
// distance bin and family, beside Owen 2024's published numbers.
report::Table BacktestMaeTable(const Analysis& analysis, const ForecastOptions& options);
report::Table ForecastTable(const Analysis& analysis, const ForecastOptions& options);

// Figures keyed by file stem: one per category, an overview, backtest MAE.
std::vector<std::pair<std::string, report::Figure>> ForecastFigures(const Analysis& analysis,
                                                                    const Dataset& data,
                                                                    const ForecastOptions& options);

// Mean absolute backtest error (pp) of family `family_index` over the
// aggregate (category) or individual (benchmark) series whose distance lies
// in [lo, hi); `count` receives the number of predictions averaged.
double BinnedMae(const Analysis& analysis, size_t family_index, bool aggregate, double lo,
                 double hi, int* count);

}  // namespace advlab::forecasting
