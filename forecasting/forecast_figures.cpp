#include <cmath>
#include <cstdio>

#include "core/slug.h"
#include "forecasting/forecast_outputs.h"
#include "forecasting/owen_reference.h"

namespace advlab::forecasting {
namespace {

using report::Figure;
using report::ReferenceLine;
using report::Series;

const char* const kPalette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                                "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#000000"};

// 3.1e+23 -> "3e23": short enough for a tick label.
std::string Scientific(double value) {
  if (!(value > 0)) return "?";
  int exponent = static_cast<int>(std::floor(std::log10(value)));
  double mantissa = value / std::pow(10.0, exponent);
  if (std::lround(mantissa) >= 10) {
    mantissa /= 10;
    ++exponent;
  }
  return std::to_string(std::lround(mantissa)) + "e" + std::to_string(exponent);
}

// Top-axis labels: the parameters and FLOP a loss needs under Kaplan's laws.
void AddScaleTics(Figure& figure, const Analysis& analysis, const ForecastOptions& options) {
  KaplanLaw law;
  double lo = std::fmin(analysis.grid.front(), analysis.grid.back());
  double hi = std::fmax(analysis.grid.front(), analysis.grid.back());
  for (int i = 0; i < 4; ++i) {
    double x = lo + (hi - lo) * (i + 0.5) / 4;
    double loss = LossFromAxis(options.axis, x, law);
    if (!(loss > 0)) continue;
    figure.top_tics.emplace_back(x, "N " + Scientific(law.ParamsFromLoss(loss)) + "\nC " +
                                        Scientific(law.ConvergedComputeFromLoss(loss)));
  }
  figure.top_label = "converged size N and FLOP C (Kaplan)";
}

void AddReferenceLines(Figure& figure, const ForecastOptions& options) {
  KaplanLaw law;
  ReferenceLosses refs = ComputeReferenceLosses(options);
  struct Item {
    double loss;
    std::string label;
    const char* color;
  };
  const Item items[] = {
      {refs.gpt3, "GPT-3 175B compute", "#555555"},
      {refs.budget, "$" + Scientific(options.budget_usd) + " of FLOP", "#b22222"},
      {refs.common_crawl, "all Common Crawl tokens (L(D))", "#2e8b57"},
  };
  for (const Item& item : items) {
    figure.lines.push_back(
        ReferenceLine{true, AxisFromLoss(options.axis, item.loss, law), item.label, item.color});
  }
  figure.lines.push_back(ReferenceLine{false, 1.0, "ceiling", "#999999"});
  figure.lines.push_back(ReferenceLine{false, 0.0, "chance", "#999999"});
}

Figure BaseFigure(const std::string& title, const Analysis& analysis,
                  const ForecastOptions& options) {
  Figure figure;
  figure.title = title;
  figure.x_label = XAxisLabel(options.axis);
  figure.y_label = "normalised score (0 = chance, 1 = ceiling)";
  figure.reverse_x = !AxisIncreasesWithScale(options.axis);
  figure.x_range = {std::fmin(analysis.grid.front(), analysis.grid.back()),
                    std::fmax(analysis.grid.front(), analysis.grid.back())};
  figure.y_range = {-0.15, 1.1};
  // Scores rise towards the right; the empty upper left holds the legend.
  AddScaleTics(figure, analysis, options);
  AddReferenceLines(figure, options);
  return figure;
}

Series Curve(const FamilyAnalysis& f, const std::vector<double>& grid, std::string title,
             std::string color, bool dashed) {
  Series s;
  s.kind = Series::Kind::kLine;
  s.title = std::move(title);
  s.color = std::move(color);
  s.dashed = dashed;
  s.x = grid;
  for (double x : grid) s.y.push_back(Evaluate(f.family, f.fit.params, x));
  return s;
}

Figure CategoryFigure(const SeriesAnalysis& s, const Analysis& analysis,
                      const ForecastOptions& options) {
  Figure figure = BaseFigure(s.series->name + (s.midpoint_beyond_largest ? " (late takeoff)" : ""),
                             analysis, options);
  const FamilyAnalysis* sigmoid = s.Find(CurveFamily::kSigmoid);
  const FamilyAnalysis* linear = s.Find(CurveFamily::kLinear);
  if (sigmoid && sigmoid->fitted && !sigmoid->band.low.empty()) {
    Series band;
    band.kind = Series::Kind::kBand;
    band.title = "sigmoid " + std::to_string(static_cast<int>(std::lround(options.band * 100))) +
                 "% bootstrap band";
    band.color = "#1f77b4";
    band.x = sigmoid->band.x;
    band.y = sigmoid->band.low;
    band.y_high = sigmoid->band.high;
    figure.series.push_back(band);
  }
  if (sigmoid && sigmoid->fitted) {
    figure.series.push_back(Curve(*sigmoid, analysis.grid, "sigmoid", "#1f77b4", false));
  }
  if (linear && linear->fitted) {
    figure.series.push_back(Curve(*linear, analysis.grid, "linear", "#ff7f0e", true));
  }
  Series points;
  points.kind = Series::Kind::kPoints;
  points.title = "GPT-3 sizes (data)";
  points.color = "#000000";
  points.x = s.x;
  points.y = s.y;
  figure.series.push_back(points);
  return figure;
}

}  // namespace

std::vector<std::pair<std::string, Figure>> ForecastFigures(const Analysis& analysis,
                                                            const Dataset& /*data*/,
                                                            const ForecastOptions& options) {
  std::vector<std::pair<std::string, Figure>> figures;
  Figure overview = BaseFigure("Sigmoid fits per category", analysis, options);
  overview.width = 960;
  int color = 0;
  for (const SeriesAnalysis& s : analysis.series) {
    if (!s.is_category) continue;
    figures.emplace_back("category_" + core::Slug(s.series->name),
                         CategoryFigure(s, analysis, options));
    const FamilyAnalysis* sigmoid = s.Find(CurveFamily::kSigmoid);
    if (sigmoid && sigmoid->fitted) {
      overview.series.push_back(
          Curve(*sigmoid, analysis.grid, s.series->name, kPalette[color % 12], false));
      ++color;
    }
  }
  figures.emplace_back("overview", overview);

  // Backtest error against distance, aggregates, one line per family.
  Figure mae;
  mae.title = "Backtest: mean absolute error of category forecasts";
  mae.x_label = "distance from the largest fitted model (orders of magnitude of compute)";
  mae.y_label = "mean absolute error (percentage points)";
  const std::vector<double>& bins = options.backtest_bins;
  for (size_t fi = 0; fi < options.families.size(); ++fi) {
    Series line;
    line.kind = Series::Kind::kLinePoints;
    line.title = CurveName(options.families[fi]);
    line.color = kPalette[fi % 12];
    for (size_t b = 0; b + 1 < bins.size(); ++b) {
      int count = 0;
      double value = BinnedMae(analysis, fi, /*aggregate=*/true, bins[b], bins[b + 1], &count);
      if (count == 0) continue;
      line.x.push_back(0.5 * (bins[b] + bins[b + 1]));
      line.y.push_back(value);
    }
    mae.series.push_back(line);
  }
  Series owen;
  owen.kind = Series::Kind::kPoints;
  owen.title = "Owen 2024 (BBH aggregate)";
  owen.color = "#000000";
  for (const OwenReference& ref : Owen2024BacktestMae()) {
    owen.x.push_back(ref.distance_oom);
    owen.y.push_back(ref.aggregate_pp);
  }
  mae.series.push_back(owen);
  figures.emplace_back("backtest_mae", mae);
  return figures;
}

}  // namespace advlab::forecasting
