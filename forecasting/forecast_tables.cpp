#include <cmath>
#include <limits>
#include <map>

#include "forecasting/forecast_outputs.h"
#include "forecasting/owen_reference.h"

namespace advlab::forecasting {
namespace {

using report::Table;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string Num(double value, int digits = 6) { return Table::Num(value, digits); }

std::string OwenFor(double lo, double hi, bool aggregate) {
  std::string text;
  for (const OwenReference& ref : Owen2024BacktestMae()) {
    double value = aggregate ? ref.aggregate_pp : ref.individual_pp;
    if (ref.distance_oom >= lo && ref.distance_oom < hi && !std::isnan(value)) {
      text += (text.empty() ? "" : "; ") + Num(value, 3) + " pp at " + Num(ref.distance_oom, 2) +
              " OOM";
    }
  }
  return text;
}

}  // namespace

ReferenceLosses ComputeReferenceLosses(const ForecastOptions& options) {
  KaplanLaw law;
  ReferenceLosses refs;
  refs.budget_flop = options.budget_usd / options.usd_per_flop;
  refs.gpt3 = law.LossFromCompute(options.gpt3_flop);
  refs.budget = law.LossFromCompute(refs.budget_flop);
  refs.common_crawl = law.LossFromTokens(options.common_crawl_tokens);
  return refs;
}

Table ModelsTable(const Dataset& data, const ForecastOptions& options) {
  Table table({"model", "loss", "params", "tokens", "flop", "x_" + XAxisName(options.axis)});
  for (const ModelPoint& m : data.models) {
    table.AddRow({m.name, Num(m.loss), Num(m.params), Num(m.tokens), Num(m.flop),
                  Num(AxisValue(options.axis, m))});
  }
  return table;
}

Table NormalisedDataTable(const Dataset& data) {
  Table table(
      {"series", "kind", "category", "model", "loss", "flop", "normalised", "low_confidence"});
  auto add = [&](const ScoreSeries& s, const char* kind) {
    for (size_t i = 0; i < s.models.size(); ++i) {
      const ModelPoint& m = data.models[s.models[i]];
      table.AddRow({s.name, kind, s.category, m.name, Num(m.loss), Num(m.flop), Num(s.y[i]),
                    s.low_confidence[i] ? "true" : "false"});
    }
  };
  for (const ScoreSeries& s : data.benchmarks) add(s, "benchmark");
  for (const ScoreSeries& s : data.categories) add(s, "category");
  return table;
}

Table SkippedRowsTable(const Dataset& data, const Analysis& analysis) {
  Table table({"where", "reason"});
  for (const SkippedRow& row : data.skipped) table.AddRow({row.where, row.reason});
  for (const std::string& name : analysis.too_few_points) {
    table.AddRow({name, "fewer than " + std::to_string(kMinSeriesPoints) + " models: not fitted"});
  }
  return table;
}

Table FitsTable(const Analysis& analysis, const ForecastOptions& options) {
  const std::vector<std::string> params = {"a", "b", "k", "x0", "y0"};
  std::vector<std::string> columns = {"series", "kind", "category",
                                      "family", "n",    "low_confidence_points"};
  for (const std::string& p : params) {
    columns.push_back(p);
    columns.push_back(p + "_se");
  }
  for (const char* c : {"sse", "rmse", "aic", "bic", "converged", "iterations", "midpoint_loss",
                        "midpoint_beyond_largest", "last_step_gain_fraction"}) {
    columns.emplace_back(c);
  }
  Table table(columns);
  KaplanLaw law;
  for (const SeriesAnalysis& s : analysis.series) {
    for (const FamilyAnalysis& f : s.families) {
      if (!f.fitted) continue;
      std::vector<std::string> row = {
          s.series->name,          s.is_category ? "category" : "benchmark",
          s.series->category,      CurveName(f.family),
          std::to_string(f.fit.n), std::to_string(s.series->LowConfidenceCount())};
      std::vector<std::string> names = ParamNames(f.family);
      for (const std::string& p : params) {
        std::string value, se;
        for (size_t i = 0; i < names.size(); ++i) {
          if (names[i] == p) {
            value = Num(f.fit.params[i]);
            se = Num(f.fit.StandardError(static_cast<int>(i)));
          }
        }
        row.push_back(value);
        row.push_back(se);
      }
      bool sigmoid = f.family == CurveFamily::kSigmoid;
      row.insert(row.end(), {Num(f.fit.sse), Num(f.fit.Rmse()), Num(f.fit.Aic()), Num(f.fit.Bic()),
                             f.fit.converged ? "true" : "false", std::to_string(f.fit.iterations),
                             sigmoid ? Num(LossFromAxis(options.axis, f.fit.params[1], law)) : "",
                             sigmoid ? (s.midpoint_beyond_largest ? "true" : "false") : "",
                             Num(s.last_step_gain_fraction, 3)});
      table.AddRow(row);
    }
  }
  return table;
}

Table FitSummaryTable(const Analysis& analysis, const ForecastOptions& options) {
  std::vector<std::string> columns = {"category"};
  for (CurveFamily f : options.families) columns.push_back("rmse_" + CurveName(f));
  columns.insert(columns.end(), {"best_by_aic", "sigmoid_midpoint_loss", "late_takeoff"});
  Table table(columns);
  KaplanLaw law;
  for (const SeriesAnalysis& s : analysis.series) {
    if (!s.is_category) continue;
    std::vector<std::string> row = {s.series->name};
    const FamilyAnalysis* best = nullptr;
    for (const FamilyAnalysis& f : s.families) {
      row.push_back(f.fitted ? Num(100 * f.fit.Rmse(), 3) + " pp" : "");
      if (f.fitted && (!best || f.fit.Aic() < best->fit.Aic())) best = &f;
    }
    const FamilyAnalysis* sigmoid = s.Find(CurveFamily::kSigmoid);
    row.push_back(best ? CurveName(best->family) : "");
    row.push_back(sigmoid && sigmoid->fitted
                      ? Num(LossFromAxis(options.axis, sigmoid->fit.params[1], law), 4)
                      : "");
    row.emplace_back(s.midpoint_beyond_largest ? "yes" : "no");
    table.AddRow(row);
  }
  return table;
}

Table BandsTable(const Analysis& analysis, const ForecastOptions& options) {
  Table table({"series", "kind", "family", "x", "loss", "fit", "low", "high"});
  KaplanLaw law;
  for (const SeriesAnalysis& s : analysis.series) {
    for (const FamilyAnalysis& f : s.families) {
      if (!f.fitted) continue;
      for (size_t i = 0; i < analysis.grid.size(); ++i) {
        double x = analysis.grid[i];
        bool has_band = i < f.band.low.size();
        table.AddRow({s.series->name, s.is_category ? "category" : "benchmark", CurveName(f.family),
                      Num(x), Num(LossFromAxis(options.axis, x, law)),
                      Num(Evaluate(f.family, f.fit.params, x)), has_band ? Num(f.band.low[i]) : "",
                      has_band ? Num(f.band.high[i]) : ""});
      }
    }
  }
  return table;
}

Table BacktestPointsTable(const Analysis& analysis, const Dataset& data) {
  Table table({"series", "kind", "family", "n_train", "largest_fitted", "target", "distance_oom",
               "predicted", "actual", "abs_error_pp", "fitted_near_chance"});
  for (const SeriesAnalysis& s : analysis.series) {
    for (const FamilyAnalysis& f : s.families) {
      for (const BacktestPoint& p : f.backtest) {
        table.AddRow({s.series->name, s.is_category ? "category" : "benchmark", CurveName(f.family),
                      std::to_string(p.n_train), data.models[s.series->models[p.n_train - 1]].name,
                      data.models[s.series->models[p.target]].name, Num(p.distance_oom, 4),
                      Num(p.predicted), Num(p.actual), Num(p.abs_error_pp, 4),
                      p.near_chance ? "true" : "false"});
      }
    }
  }
  return table;
}

Table BacktestMaeTable(const Analysis& analysis, const ForecastOptions& options) {
  std::vector<std::string> columns = {"scope", "distance_oom", "points"};
  for (CurveFamily f : options.families) columns.push_back("mae_pp_" + CurveName(f));
  columns.emplace_back("owen_2024");
  Table table(columns);
  const std::vector<double>& bins = options.backtest_bins;
  for (bool aggregate : {true, false}) {
    for (size_t b = 0; b + 1 < bins.size(); ++b) {
      std::vector<std::string> row = {aggregate ? "aggregate" : "individual",
                                      Num(bins[b], 3) + "-" + Num(bins[b + 1], 3)};
      std::vector<std::string> maes;
      int points = 0;
      for (size_t fi = 0; fi < options.families.size(); ++fi) {
        int count = 0;
        double mae = BinnedMae(analysis, fi, aggregate, bins[b], bins[b + 1], &count);
        maes.push_back(count ? Num(mae, 3) : "");
        points = std::max(points, count);
      }
      row.push_back(std::to_string(points));
      row.insert(row.end(), maes.begin(), maes.end());
      row.push_back(OwenFor(bins[b], bins[b + 1], aggregate));
      table.AddRow(row);
    }
  }
  return table;
}

Table ForecastTable(const Analysis& analysis, const ForecastOptions& options) {
  KaplanLaw law;
  int coverage = static_cast<int>(std::lround(options.band * 100));
  std::string lo = "_p" + std::to_string(50 - coverage / 2);
  std::string hi = "_p" + std::to_string(50 + coverage / 2);
  Table table({"category", "level", "x", "loss", "loss" + lo, "loss" + hi, "params", "params" + lo,
               "params" + hi, "flop_converged", "flop_converged" + lo, "flop_converged" + hi,
               "flop_compute_optimal", "bootstrap_reached", "midpoint_beyond_largest"});
  for (const SeriesAnalysis& s : analysis.series) {
    if (!s.is_category) continue;
    for (const Threshold& t : s.thresholds) {
      double loss = LossFromAxis(options.axis, t.x, law);
      // Lower loss means more compute, so the band's ends swap roles.
      double a = LossFromAxis(options.axis, t.x_low, law);
      double b = LossFromAxis(options.axis, t.x_high, law);
      double loss_low = std::fmin(a, b), loss_high = std::fmax(a, b);
      auto params = [&](double l) { return l > 0 ? law.ParamsFromLoss(l) : kNaN; };
      auto flop = [&](double l) { return l > 0 ? law.ConvergedComputeFromLoss(l) : kNaN; };
      table.AddRow({s.series->name, Num(t.level, 3), Num(t.x, 5), Num(loss, 4), Num(loss_low, 4),
                    Num(loss_high, 4), Num(params(loss), 3), Num(params(loss_high), 3),
                    Num(params(loss_low), 3), Num(flop(loss), 3), Num(flop(loss_high), 3),
                    Num(flop(loss_low), 3), Num(loss > 0 ? law.ComputeFromLoss(loss) : kNaN, 3),
                    Num(t.reached_fraction, 3), s.midpoint_beyond_largest ? "true" : "false"});
    }
  }
  return table;
}

double BinnedMae(const Analysis& analysis, size_t family_index, bool aggregate, double lo,
                 double hi, int* count) {
  double sum = 0;
  *count = 0;
  for (const SeriesAnalysis& s : analysis.series) {
    if (s.is_category != aggregate) continue;
    for (const BacktestPoint& p : s.families[family_index].backtest) {
      if (p.distance_oom >= lo && p.distance_oom < hi) {
        sum += p.abs_error_pp;
        ++*count;
      }
    }
  }
  return *count ? sum / *count : kNaN;
}

}  // namespace advlab::forecasting
