#include "forecasting/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace advlab::forecasting {

std::vector<Params> BootstrapFits(CurveFamily family, const std::vector<double>& x,
                                  const std::vector<double>& y, const CurveBounds& bounds,
                                  const Params& best, int resamples, uint64_t seed, uint64_t stream,
                                  const FitSettings& settings) {
  // SplitMix-style mixing gives well-separated seeds for neighbouring streams.
  uint64_t mixed = seed * 0x9E3779B97F4A7C15ULL + (stream + 1) * 0xBF58476D1CE4E5B9ULL;
  std::mt19937_64 rng(mixed ^ (mixed >> 31));
  std::uniform_int_distribution<size_t> pick(0, x.size() - 1);
  std::vector<Params> samples;
  samples.reserve(resamples);
  std::vector<double> bx(x.size()), by(y.size());
  std::vector<Params> start{best};
  FitSettings refit = settings;
  refit.covariance = false;
  for (int b = 0; b < resamples; ++b) {
    for (size_t i = 0; i < x.size(); ++i) {
      size_t j = pick(rng);
      bx[i] = x[j];
      by[i] = y[j];
    }
    samples.push_back(FitCurve(family, bx, by, bounds, start, refit).params);
  }
  return samples;
}

double Quantile(std::vector<double> values, double q) {
  values.erase(
      std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
      values.end());
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  // Selection instead of a full sort: bands take thousands of quantiles.
  double position = q * (values.size() - 1);
  size_t below = static_cast<size_t>(std::floor(position));
  double fraction = position - below;
  std::nth_element(values.begin(), values.begin() + below, values.end());
  double low = values[below];
  if (fraction == 0 || below + 1 >= values.size()) return low;
  double high = *std::min_element(values.begin() + below + 1, values.end());
  return low * (1 - fraction) + high * fraction;
}

Band CurveBand(CurveFamily family, const std::vector<Params>& samples,
               const std::vector<double>& grid, double coverage) {
  Band band;
  band.x = grid;
  double tail = (1 - coverage) / 2;
  std::vector<double> values(samples.size());
  for (double x : grid) {
    for (size_t s = 0; s < samples.size(); ++s) values[s] = Evaluate(family, samples[s], x);
    band.low.push_back(Quantile(values, tail));
    band.high.push_back(Quantile(values, 1 - tail));
  }
  return band;
}

}  // namespace advlab::forecasting
