#pragma once
// Bounded Levenberg-Marquardt least squares for the curve families, with
// several starts, the parameter covariance and information criteria.
//
//   FitSettings settings;                  // iteration limits
//   CurveBounds bounds = DefaultBounds(CurveFamily::kSigmoid, x, axis_floor, settings_bounds);
//   FitResult fit = FitCurve(CurveFamily::kSigmoid, x, y, bounds, StartsFor(...));
//
// Why a small LM of our own rather than Eigen's unsupported LevenbergMarquardt:
// bounds are native here (each trial step is projected onto the box, as in
// projected LM methods) instead of a sin() reparameterisation that distorts
// the covariance, and with at most three parameters everything lives in
// fixed-capacity Eigen types, so the thousands of bootstrap refits allocate
// nothing. Linear and constant fits are solved in closed form.
#include <vector>

#include "forecasting/curves.h"

namespace advlab::forecasting {

struct CurveBounds {
  Params lower, upper;
};

// How far fits may wander (Owen 2024 bounds the midpoint and the steepness).
struct BoundSettings {
  double midpoint_range = 5.0;      // x0 within [x_min - r R, x_max + r R], R = observed x range
  double min_rise_fraction = 0.05;  // 5% -> 95% takes at least this fraction of R
  double offset_min = -0.5;         // sigmoid_offset floor y0 in [offset_min, offset_max]
  double offset_max = 0.99;
};

struct FitSettings {
  int max_iterations = 200;
  // Converged when an accepted step lowers the sum of squares by less than
  // this fraction. Tighter values only let a sigmoid_offset creep further
  // along its flat valley (k -> 0, x0 -> far) without changing predictions.
  double tolerance = 1e-9;
  // Also converged when an accepted step moves no fitted value by more than
  // this (normalised units; 1e-7 = 1e-5 percentage points).
  double prediction_tolerance = 1e-7;
  bool covariance = true;  // bootstrap refits only need the parameters
};

struct FitResult {
  CurveFamily family = CurveFamily::kConstant;
  Params params;
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, kMaxCurveParams, kMaxCurveParams>
      covariance;
  double sse = 0;  // sum of squared residuals
  int n = 0;       // points
  int iterations = 0;
  bool converged = false;

  double Rmse() const;
  double Aic() const;  // n ln(sse/n) + 2k
  double Bic() const;  // n ln(sse/n) + k ln n
  double StandardError(int i) const;
};

// `x_floor` is the smallest meaningful x (0 for a loss axis, -inf otherwise).
CurveBounds DefaultBounds(CurveFamily family, const std::vector<double>& x, double x_floor,
                          const BoundSettings& settings);

// Deterministic start points: a logit-linear regression first, then a grid over
// midpoint and steepness. `count` limits how many are returned.
std::vector<Params> StartsFor(CurveFamily family, const std::vector<double>& x,
                              const std::vector<double>& y, const CurveBounds& bounds, int count);

// Fits from each start and keeps the lowest sum of squares. For linear and
// constant the closed form is used and `starts` is ignored.
FitResult FitCurve(CurveFamily family, const std::vector<double>& x, const std::vector<double>& y,
                   const CurveBounds& bounds, const std::vector<Params>& starts,
                   const FitSettings& settings = {});

// One bounded LM descent from `start` (exposed for tests of convergence).
FitResult FitFromStart(CurveFamily family, const std::vector<double>& x,
                       const std::vector<double>& y, const CurveBounds& bounds, const Params& start,
                       const FitSettings& settings = {});

}  // namespace advlab::forecasting
