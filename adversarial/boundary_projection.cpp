#include "adversarial/boundary_projection.h"

#include <algorithm>
#include <cmath>

namespace advlab::adversarial {

std::vector<float> ProjectOntoBoundary(Norm norm, const float* t, const float* w, double b,
                                       int64_t n) {
  std::vector<float> d(static_cast<size_t>(n), 0.0f);
  double wt = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (std::isfinite(w[i]) && std::isfinite(t[i])) wt += static_cast<double>(w[i]) * t[i];
  }
  // Turn the plane so that reaching it means increasing (sign * w) . d by `need`.
  double need = b - wt;
  if (need == 0 || !std::isfinite(need)) return d;
  const double sign = need > 0 ? 1.0 : -1.0;
  need = std::abs(need);

  // Per coordinate, with v_i = sign * w_i: d_i moves by lambda |a_i| towards
  // sign(v_i) until it meets the box (room_i), contributing |v_i| min(lambda
  // |a_i|, room_i) to (sign * w) . d. Saturation point: room_i / |a_i|.
  struct Coordinate {
    int64_t index;
    double slope;       // |v_i| |a_i|: growth of the contribution per unit lambda
    double saturation;  // lambda at which the coordinate reaches its bound
    double full;        // |v_i| room_i: the contribution once saturated
  };
  std::vector<Coordinate> moving;
  moving.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    const double v = sign * w[i];
    // A non-finite gradient entry gives no usable direction: that pixel stays.
    if (v == 0 || !std::isfinite(v) || !std::isfinite(t[i])) continue;
    const double room = v > 0 ? 1.0 - t[i] : static_cast<double>(t[i]);
    const double a = norm == Norm::kL2 ? std::abs(v) : 1.0;
    moving.push_back(
        {i, std::abs(v) * a, std::max(room, 0.0) / a, std::abs(v) * std::max(room, 0.0)});
  }
  std::sort(moving.begin(), moving.end(),
            [](const Coordinate& x, const Coordinate& y) { return x.saturation < y.saturation; });

  // Walk the breakpoints: between them, (sign * w) . d = reached + slope *
  // lambda, slope being the summed slopes of the coordinates not yet
  // saturated (suffix sums, so no cancellation builds up along the walk).
  std::vector<double> slope(moving.size() + 1, 0.0);
  for (size_t k = moving.size(); k-- > 0;) slope[k] = slope[k + 1] + moving[k].slope;
  double reached = 0;
  double lambda = INFINITY;
  for (size_t k = 0; k < moving.size(); ++k) {
    if (slope[k] > 0 && reached + slope[k] * moving[k].saturation >= need) {
      lambda = (need - reached) / slope[k];
      break;
    }
    reached += moving[k].full;
  }
  // lambda stays infinite when even the whole box falls short of the plane:
  // every coordinate then sits at its bound.
  for (const Coordinate& c : moving) {
    const double v = sign * w[c.index];
    const double a = norm == Norm::kL2 ? std::abs(v) : 1.0;
    const double room = c.full / std::abs(v);
    const double step = std::min(lambda * a, room);
    d[static_cast<size_t>(c.index)] = static_cast<float>(v > 0 ? step : -step);
  }
  return d;
}

}  // namespace advlab::adversarial
