#pragma once
// Seeded bootstrap over points: resample the (x, y) pairs with replacement,
// refit from the full-data optimum, and read bands and forecast intervals off
// the refits' quantiles. The stream of each (series, family) is its own
// generator seeded from (seed, stream), so results do not depend on thread
// scheduling.
#include <cstdint>
#include <vector>

#include "forecasting/curve_fit.h"

namespace advlab::forecasting {

std::vector<Params> BootstrapFits(CurveFamily family, const std::vector<double>& x,
                                  const std::vector<double>& y, const CurveBounds& bounds,
                                  const Params& best, int resamples, uint64_t seed, uint64_t stream,
                                  const FitSettings& settings = {});

// The q-quantile (linear interpolation) of the finite values; NaN when none.
double Quantile(std::vector<double> values, double q);

struct Band {
  std::vector<double> x, low, high;
};

// Pointwise central `coverage` band of the bootstrap curves on `grid`.
Band CurveBand(CurveFamily family, const std::vector<Params>& samples,
               const std::vector<double>& grid, double coverage);

}  // namespace advlab::forecasting
