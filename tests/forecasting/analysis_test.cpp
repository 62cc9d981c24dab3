#include "forecasting/analysis.h"

#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <cmath>

using namespace advlab::forecasting;

namespace {

// Two benchmarks over eight models on a loss axis: one that takes off early
// (midpoint 2.2 nats), one whose midpoint lies past the largest model (1.55).
Dataset SyntheticDataset() {
  Dataset data;
  const double losses[] = {2.45, 2.33, 2.25, 2.19, 2.12, 2.03, 1.97, 1.73};
  for (int i = 0; i < 8; ++i) {
    ModelPoint m;
    m.name = "m" + std::to_string(i);
    m.loss = losses[i];
    m.flop = std::pow(10.0, 20.3 + 0.45 * i);
    data.models.push_back(m);
  }
  auto series = [&](const std::string& name, double k, double x0) {
    ScoreSeries s;
    s.name = name;
    s.category = name;
    for (int i = 0; i < 8; ++i) {
      s.models.push_back(i);
      s.y.push_back(Logistic(k * (losses[i] - x0)) + 0.004 * ((i % 3) - 1));
    }
    return s;
  };
  data.benchmarks = {series("early", -6, 2.2), series("late", -9, 1.55)};
  data.categories = {series("early", -6, 2.2), series("late", -9, 1.55)};
  return data;
}

}  // namespace

TEST_CASE("analysis flags late takeoff from the fitted midpoint", "[analysis]") {
  Dataset data = SyntheticDataset();
  ForecastOptions options;
  options.bootstrap = 60;
  options.grid_points = 12;
  Analysis analysis = Analyse(data, options);
  REQUIRE(analysis.series.size() == 4);
  for (const SeriesAnalysis& s : analysis.series) {
    INFO(s.series->name);
    const FamilyAnalysis* sigmoid = s.Find(CurveFamily::kSigmoid);
    REQUIRE(sigmoid);
    REQUIRE(sigmoid->fitted);
    CHECK(s.midpoint_beyond_largest == (s.series->name == "late"));
    CHECK(sigmoid->samples.size() == 60);
    CHECK(sigmoid->band.low.size() == 12);
    REQUIRE(s.thresholds.size() == 2);
    CHECK(s.thresholds[0].x == Approx(sigmoid->fit.params[1]));
    CHECK(s.thresholds[0].x_low <= s.thresholds[0].x + 1e-9);
    CHECK(s.thresholds[0].x_high >= s.thresholds[0].x - 1e-9);
    // Every family was backtested from three models up.
    for (const FamilyAnalysis& f : s.families) CHECK(f.backtest.size() == 15);
  }
}

TEST_CASE("analysis results do not depend on the thread count", "[analysis]") {
  Dataset data = SyntheticDataset();
  ForecastOptions options;
  options.bootstrap = 30;
  options.grid_points = 8;
  Analysis a = [&] {
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    return Analyse(data, options);
  }();
  Analysis b = [&] {
    tbb::global_control two(tbb::global_control::max_allowed_parallelism, 2);
    return Analyse(data, options);
  }();
  for (size_t s = 0; s < a.series.size(); ++s) {
    for (size_t f = 0; f < a.series[s].families.size(); ++f) {
      const auto& fa = a.series[s].families[f];
      const auto& fb = b.series[s].families[f];
      CHECK(fa.fit.params == fb.fit.params);
      CHECK(fa.band.low == fb.band.low);
    }
  }
}

TEST_CASE("series with too few models are skipped, not fitted", "[analysis]") {
  Dataset data = SyntheticDataset();
  ScoreSeries tiny;
  tiny.name = "tiny";
  tiny.models = {6, 7};
  tiny.y = {0.1, 0.2};
  data.benchmarks.push_back(tiny);
  ForecastOptions options;
  options.bootstrap = 0;
  Analysis analysis = Analyse(data, options);
  REQUIRE(analysis.too_few_points.size() == 1);
  CHECK(analysis.too_few_points[0] == "tiny");
}
