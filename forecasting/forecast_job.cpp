#include "forecasting/forecast_job.h"

#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/slug.h"
#include "forecasting/analysis.h"
#include "forecasting/forecast_outputs.h"
#include "forecasting/owen_reference.h"
#include "report/html_report.h"
#include "report/progress.h"

namespace advlab::forecasting {
namespace fs = std::filesystem;

namespace {

// The card: where the mean of all categories (ALL) crosses each forecast
// level, the sigmoid's backtest error one order of magnitude out, and
// warnings for fits that extrapolate from the rising part only.
void AddKeyNumbers(const Analysis& analysis, const Dataset& data, const ForecastOptions& options,
                   const ForecastSummary& summary, report::RunReport* doc) {
  using report::Table;
  for (const SeriesAnalysis& s : analysis.series) {
    if (!s.is_category || s.series->name != options.data.all_name) continue;
    for (const Threshold& t : s.thresholds) {
      doc->summary.push_back({XAxisName(options.axis) + " where " + options.data.all_name +
                                  " reaches " + Table::Num(t.level, 2) + " (sigmoid, " +
                                  Table::Num(100 * options.band, 2) + "% bootstrap)",
                              Table::Num(t.x, 4) + " [" + Table::Num(t.x_low, 4) + ", " +
                                  Table::Num(t.x_high, 4) + "]"});
    }
  }
  for (size_t f = 0; f < options.families.size(); ++f) {
    if (options.families[f] != CurveFamily::kSigmoid) continue;
    int count = 0;
    const double mae = BinnedMae(analysis, f, /*aggregate=*/true, 0.5, 1.5, &count);
    if (count > 0) {
      std::string owen;
      for (const OwenReference& ref : Owen2024BacktestMae()) {
        if (ref.distance_oom >= 0.5 && ref.distance_oom < 1.5) {
          owen = "; Owen 2024: " + Table::Num(ref.aggregate_pp, 3) + " pp";
        }
      }
      doc->summary.push_back(
          {"sigmoid backtest MAE, categories, 0.5-1.5 OOM out" + owen,
           Table::Num(mae, 3) + " pp (" + std::to_string(count) + " predictions)"});
    }
  }
  if (!summary.late_takeoff.empty()) {
    std::string names;
    for (const std::string& name : summary.late_takeoff)
      names += (names.empty() ? "" : ", ") + name;
    doc->warnings.push_back("Late takeoff in " + std::to_string(summary.late_takeoff.size()) +
                            " categories (" + names +
                            "): the sigmoid's midpoint lies beyond the largest model, so the "
                            "forecast extrapolates from the rising part only.");
  }
  if (data.models.size() < 6) {
    doc->warnings.push_back("Only " + std::to_string(data.models.size()) +
                            " models: fits and bands rest on very few points.");
  }
}

report::RunReport BuildReport(const Analysis& analysis, const Dataset& data,
                              const ForecastOptions& options, const ForecastSummary& summary) {
  report::RunReport doc;
  doc.title = "GPT-N extrapolation (Finnveden 2020)";
  AddKeyNumbers(analysis, data, options, summary, &doc);
  report::ReportSection& intro = doc.sections.emplace_back();
  intro.title = "Data";
  intro.Text(
      std::to_string(data.models.size()) + " models, " + std::to_string(summary.benchmarks) +
      " benchmark series, " + std::to_string(summary.categories) +
      " category means (the last is the equal-weight " +
      "mean of the categories). Scores are normalised to (value - chance) / (max - chance). " +
      "x axis: " + XAxisLabel(options.axis) + ". " + std::to_string(data.skipped.size()) +
      " rows could not be normalised and " + std::to_string(data.low_confidence_excluded) +
      " low-confidence rows were excluded (skipped_rows.csv).");
  intro.TableCsv("models.csv", "Models and their x values")
      .Columns({{"loss", "validation loss (nats/token) as reported"},
                {"params, tokens, flop", "parameters, training tokens and training FLOP (6 N D)"},
                {"x_<axis>", "the model's value on the fits' x axis (x.axis in the config)"}});

  report::ReportSection& fits = doc.sections.emplace_back();
  fits.title = "Fits per category";
  fits.Text(
      "Points: normalised scores per model size. Lines: least-squares sigmoid (floor 0, "
      "ceiling 1) and linear fits; the band is the pointwise bootstrap interval of the "
      "sigmoid. Vertical lines: losses at GPT-3 175B's compute and at the FLOP a budget "
      "buys (Kaplan L(C_min)), and at all Common Crawl tokens (Kaplan L(D)). The top axis "
      "labels each loss with the converged model size and FLOP (Kaplan L(N), D = 5e3 N^0.74, "
      "C = 6 N D).");
  // The overview first, then one small panel per category.
  fits.FigureSvg("figures/overview.svg", "All category sigmoids on one axis.");
  for (const SeriesAnalysis& s : analysis.series) {
    if (s.is_category) {
      fits.FigureSvg("figures/category_" + core::Slug(s.series->name) + ".svg").Tiled();
    }
  }
  fits.TableCsv("fit_summary.csv",
                "RMSE per family, the family with the lowest AIC and the sigmoid midpoint. Every "
                "parameter with its standard error, SSE, AIC and BIC for every series: fits.csv.")
      .Columns({{"rmse_<family>",
                 "root-mean-square error of the family's fit, in percentage "
                 "points of normalised score"},
                {"best_by_aic", "the family with the lowest AIC"},
                {"sigmoid_midpoint_loss", "the loss where the sigmoid reaches half its range"},
                {"late_takeoff", "the midpoint lies beyond the largest model"}});

  report::ReportSection& backtest = doc.sections.emplace_back();
  backtest.title = "Backtests";
  backtest.Text(
      "Each family is fitted on the k smallest models (k >= " +
      std::to_string(options.backtest_min_train) +
      ") and predicts every larger model; errors are binned by the distance in "
      "orders of magnitude of training compute. Aggregate = category means; individual = "
      "single benchmarks. Owen 2024's numbers are from BIG-Bench Hard with compute on the "
      "x axis and many more models, so they are a scale, not a target.");
  backtest.FigureSvg("figures/backtest_mae.svg");
  backtest.TableCsv("backtest_mae.csv", "Mean absolute error (percentage points)")
      .Columns({{"scope", "aggregate: category means; individual: single benchmarks"},
                {"distance_oom",
                 "how far beyond the training models the predicted model lies, "
                 "in orders of magnitude of training compute"},
                {"points", "predictions in the bin"},
                {"mae_pp_<family>",
                 "mean absolute error of that curve family, in percentage "
                 "points of normalised score"},
                {"owen_2024", "Owen 2024's error at a similar distance (BIG-Bench Hard)"}});

  report::ReportSection& forecast = doc.sections.emplace_back();
  forecast.title = "Forecasts";
  std::string late;
  for (const std::string& name : summary.late_takeoff) late += (late.empty() ? "" : ", ") + name;
  forecast.Text("Where each category's sigmoid reaches the given levels, with bootstrap " +
                std::to_string(std::lround(options.band * 100)) +
                "% intervals. params and flop_converged are Kaplan's converged size and "
                "6 N D_threshold; flop_compute_optimal is Kaplan's L(C_min) inverted. Late takeoff "
                "(sigmoid midpoint beyond the largest model, computed from the fits): " +
                (late.empty() ? std::string("none") : late) + ".");
  forecast.TableCsv("forecasts.csv")
      .Columns({{"level", "the normalised score the category's sigmoid reaches"},
                {"x, loss", "where it reaches it, and that point as a loss"},
                {"*_p5, *_p95", "the bootstrap interval's ends"},
                {"bootstrap_reached", "fraction of bootstrap fits that reach the level at all"},
                {"midpoint_beyond_largest",
                 "the sigmoid's midpoint lies beyond the largest "
                 "model (a late takeoff)"}});
  if (!summary.figure_error.empty()) {
    forecast.Text("Figures could not be rendered: " + summary.figure_error);
  }
  return doc;
}

}  // namespace

ForecastSummary RunForecast(const ForecastOptions& options, const Dataset& data,
                            const fs::path& run_dir) {
  ForecastSummary summary;
  auto start = std::chrono::steady_clock::now();
  Analysis analysis;
  {
    size_t tasks = (data.benchmarks.size() + data.categories.size()) * options.families.size();
    report::Progress progress("fits, bootstrap, backtests", static_cast<long>(tasks));
    analysis = Analyse(data, options, [&] { progress.Advance(); });
  }
  summary.analysis_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const SeriesAnalysis& s : analysis.series) {
    if (s.is_category) {
      ++summary.categories;
      if (s.midpoint_beyond_largest) summary.late_takeoff.push_back(s.series->name);
    } else {
      ++summary.benchmarks;
    }
  }

  ModelsTable(data, options).WriteCsv(run_dir / "models.csv");
  NormalisedDataTable(data).WriteCsv(run_dir / "normalised_scores.csv");
  SkippedRowsTable(data, analysis).WriteCsv(run_dir / "skipped_rows.csv");
  FitsTable(analysis, options).WriteCsv(run_dir / "fits.csv");
  FitSummaryTable(analysis, options).WriteCsv(run_dir / "fit_summary.csv");
  BandsTable(analysis, options).WriteCsv(run_dir / "bands.csv");
  BacktestPointsTable(analysis, data).WriteCsv(run_dir / "backtest_points.csv");
  BacktestMaeTable(analysis, options).WriteCsv(run_dir / "backtest_mae.csv");
  ForecastTable(analysis, options).WriteCsv(run_dir / "forecasts.csv");

  fs::create_directories(run_dir / "figures");
  report::RenderFigures(ForecastFigures(analysis, data, options), run_dir / "figures",
                        &summary.figure_error);
  report::WriteRunReport(BuildReport(analysis, data, options, summary), run_dir);
  return summary;
}

}  // namespace advlab::forecasting
