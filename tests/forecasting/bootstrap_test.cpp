#include "forecasting/bootstrap.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace advlab::forecasting;

namespace {

struct Data {
  std::vector<double> x = {2.45, 2.33, 2.25, 2.19, 2.12, 2.03, 1.97, 1.73};
  std::vector<double> y = {0.02, 0.05, 0.06, 0.1, 0.16, 0.21, 0.33, 0.71};
};

}  // namespace

TEST_CASE("bootstrap is deterministic per seed and stream", "[bootstrap]") {
  Data d;
  CurveBounds bounds = DefaultBounds(CurveFamily::kSigmoid, d.x, 0.0, {});
  FitResult best = FitCurve(CurveFamily::kSigmoid, d.x, d.y, bounds,
                            StartsFor(CurveFamily::kSigmoid, d.x, d.y, bounds, 8));
  auto a = BootstrapFits(CurveFamily::kSigmoid, d.x, d.y, bounds, best.params, 50, 42, 3);
  auto b = BootstrapFits(CurveFamily::kSigmoid, d.x, d.y, bounds, best.params, 50, 42, 3);
  auto c = BootstrapFits(CurveFamily::kSigmoid, d.x, d.y, bounds, best.params, 50, 43, 3);
  auto e = BootstrapFits(CurveFamily::kSigmoid, d.x, d.y, bounds, best.params, 50, 42, 4);
  REQUIRE(a.size() == 50);
  bool same = true, differs_seed = false, differs_stream = false;
  for (size_t i = 0; i < a.size(); ++i) {
    same = same && a[i] == b[i];
    differs_seed = differs_seed || a[i] != c[i];
    differs_stream = differs_stream || a[i] != e[i];
  }
  CHECK(same);
  CHECK(differs_seed);
  CHECK(differs_stream);

  Band band = CurveBand(CurveFamily::kSigmoid, a, {2.4, 2.0, 1.6}, 0.9);
  for (size_t i = 0; i < band.x.size(); ++i) {
    double fit = Evaluate(CurveFamily::kSigmoid, best.params, band.x[i]);
    CHECK(band.low[i] <= fit + 1e-9);
    CHECK(band.high[i] >= fit - 1e-9);
  }
  // Extrapolation widens the band.
  CHECK(band.high[2] - band.low[2] > band.high[0] - band.low[0]);
}

TEST_CASE("quantiles interpolate and skip non-finite values", "[bootstrap]") {
  CHECK(Quantile({3, 1, 2, NAN}, 0.5) == 2);
  CHECK(Quantile({1, 2, 3, 4}, 0.5) == Approx(2.5));
  CHECK(Quantile({1, 2, 3, 4, 5}, 0.05) == Approx(1.2));
  CHECK(std::isnan(Quantile({NAN}, 0.5)));
}
