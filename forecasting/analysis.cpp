#include "forecasting/analysis.h"

#include <tbb/parallel_for.h>

#include <cmath>

namespace advlab::forecasting {
namespace {

void AnalyseFamily(SeriesAnalysis& series, FamilyAnalysis& result, const Analysis& analysis,
                   const ForecastOptions& options, uint64_t stream) {
  const std::vector<double>& x = series.x;
  const std::vector<double>& y = series.y;
  double floor = AxisFloor(options.axis);
  if (static_cast<int>(x.size()) <= ParamCount(result.family)) return;
  CurveBounds bounds = DefaultBounds(result.family, x, floor, options.bounds);
  result.fit = FitCurve(result.family, x, y, bounds,
                        StartsFor(result.family, x, y, bounds, options.starts), options.fit);
  result.fitted = true;
  if (options.bootstrap > 0) {
    result.samples = BootstrapFits(result.family, x, y, bounds, result.fit.params,
                                   options.bootstrap, options.seed, stream, options.fit);
    result.band = CurveBand(result.family, result.samples, analysis.grid, options.band);
  }
  result.backtest = Backtest(result.family, x, y, series.log10_flop, options.backtest_min_train,
                             floor, options.bounds, options.starts, options.fit);
}

void FillThresholds(SeriesAnalysis& series, const Analysis& analysis,
                    const ForecastOptions& options) {
  const FamilyAnalysis* sigmoid = series.Find(CurveFamily::kSigmoid);
  if (!sigmoid || !sigmoid->fitted) return;
  const Params& p = sigmoid->fit.params;
  double tail = (1 - options.band) / 2;
  // A level reached only at an impossible x (a loss at or below zero) is not reached.
  double floor = AxisFloor(options.axis);
  auto inverse = [&](const Params& params, double level) {
    double x = InverseAt(CurveFamily::kSigmoid, params, level);
    return x > floor ? x : NAN;
  };
  for (double level : options.levels) {
    Threshold threshold;
    threshold.level = level;
    threshold.x = inverse(p, level);
    std::vector<double> xs;
    for (const Params& sample : sigmoid->samples) xs.push_back(inverse(sample, level));
    int reached = 0;
    for (double v : xs) reached += std::isfinite(v);
    threshold.reached_fraction = xs.empty() ? NAN : static_cast<double>(reached) / xs.size();
    threshold.x_low = Quantile(xs, tail);
    threshold.x_high = Quantile(xs, 1 - tail);
    series.thresholds.push_back(threshold);
  }
  // Late takeoff: the curve rises with scale and its midpoint lies past the
  // largest model in the direction of scale.
  double direction = analysis.x_largest > analysis.x_smallest ? 1.0 : -1.0;
  bool rises_with_scale = p[0] * direction > 0;
  series.midpoint_beyond_largest = rises_with_scale && (p[1] - analysis.x_largest) * direction > 0;
}

}  // namespace

const FamilyAnalysis* SeriesAnalysis::Find(CurveFamily family) const {
  for (const FamilyAnalysis& f : families) {
    if (f.family == family) return &f;
  }
  return nullptr;
}

Analysis Analyse(const Dataset& data, const ForecastOptions& options,
                 const std::function<void()>& on_task_done) {
  Analysis analysis;
  analysis.x_smallest = AxisValue(options.axis, data.models.front());
  analysis.x_largest = AxisValue(options.axis, data.models.back());
  // The grid runs from just before the smallest model to `plot_extend`
  // observed ranges beyond the largest one.
  double span = analysis.x_largest - analysis.x_smallest;
  double start = analysis.x_smallest - 0.05 * span;
  double end = analysis.x_largest + options.plot_extend * span;
  if (options.axis == XAxis::kLoss) end = std::max(end, 0.05 * analysis.x_largest);
  for (int i = 0; i < options.grid_points; ++i) {
    analysis.grid.push_back(start + (end - start) * i / (options.grid_points - 1));
  }

  auto add = [&](const ScoreSeries& source, bool is_category) {
    SeriesAnalysis series;
    series.series = &source;
    series.is_category = is_category;
    for (size_t i = 0; i < source.models.size(); ++i) {
      const ModelPoint& model = data.models[source.models[i]];
      double x = AxisValue(options.axis, model);
      if (!std::isfinite(x)) continue;  // e.g. log_params without parameter counts
      series.x.push_back(x);
      series.y.push_back(source.y[i]);
      series.log10_flop.push_back(std::log10(model.flop));
    }
    if (static_cast<int>(series.x.size()) < kMinSeriesPoints) {
      analysis.too_few_points.push_back(source.name);
      return;
    }
    size_t n = series.y.size();
    double total_gain = series.y[n - 1] - series.y[0];
    series.last_step_gain_fraction =
        total_gain != 0 ? (series.y[n - 1] - series.y[n - 2]) / total_gain : NAN;
    for (CurveFamily family : options.families) {
      FamilyAnalysis f;
      f.family = family;
      series.families.push_back(std::move(f));
    }
    analysis.series.push_back(std::move(series));
  };
  for (const ScoreSeries& s : data.benchmarks) add(s, false);
  for (const ScoreSeries& s : data.categories) add(s, true);

  size_t family_count = options.families.size();
  size_t tasks = analysis.series.size() * family_count;
  tbb::parallel_for(size_t{0}, tasks, [&](size_t task) {
    SeriesAnalysis& series = analysis.series[task / family_count];
    AnalyseFamily(series, series.families[task % family_count], analysis, options, task);
    if (on_task_done) on_task_done();
  });
  for (SeriesAnalysis& series : analysis.series) FillThresholds(series, analysis, options);
  return analysis;
}

}  // namespace advlab::forecasting
