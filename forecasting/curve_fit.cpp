#include "forecasting/curve_fit.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>

namespace advlab::forecasting {
namespace {

using Matrix =
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, kMaxCurveParams, kMaxCurveParams>;
constexpr double kInf = std::numeric_limits<double>::infinity();

double SumOfSquares(CurveFamily family, const Params& p, const std::vector<double>& x,
                    const std::vector<double>& y) {
  double sse = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    double r = Evaluate(family, p, x[i]) - y[i];
    sse += r * r;
  }
  return sse;
}

// J^T J and J^T r at p, accumulated point by point (no n x k matrix needed).
void NormalEquations(CurveFamily family, const Params& p, const std::vector<double>& x,
                     const std::vector<double>& y, Matrix* jtj, Params* jtr) {
  int k = static_cast<int>(p.size());
  jtj->setZero(k, k);
  jtr->setZero(k);
  double g[kMaxCurveParams];
  for (size_t i = 0; i < x.size(); ++i) {
    Gradient(family, p, x[i], g);
    double r = Evaluate(family, p, x[i]) - y[i];
    for (int a = 0; a < k; ++a) {
      (*jtr)[a] += g[a] * r;
      for (int b = 0; b < k; ++b) (*jtj)(a, b) += g[a] * g[b];
    }
  }
}

Params Clamp(const Params& p, const CurveBounds& bounds) {
  return p.cwiseMax(bounds.lower).cwiseMin(bounds.upper);
}

// cov = s^2 (J^T J)^-1 with s^2 = sse / (n - k), as curve_fit does with
// absolute_sigma=False. A singular J^T J (a parameter with no influence, e.g.
// a clipped line that is flat on every point) gets a pseudo-inverse.
void FillCovariance(FitResult* fit, const std::vector<double>& x, const std::vector<double>& y) {
  Matrix jtj;
  Params jtr;
  NormalEquations(fit->family, fit->params, x, y, &jtj, &jtr);
  int k = static_cast<int>(fit->params.size());
  double dof = std::max(1, fit->n - k);
  // Pseudo-inverse through the eigen-decomposition of the symmetric J^T J;
  // eigenvalues below a relative threshold count as zero.
  Eigen::SelfAdjointEigenSolver<Matrix> eigen(jtj);
  Params inverse_values = eigen.eigenvalues();
  double threshold = 1e-12 * std::max(1e-300, inverse_values.cwiseAbs().maxCoeff());
  for (int i = 0; i < k; ++i) {
    inverse_values[i] = std::abs(inverse_values[i]) > threshold ? 1.0 / inverse_values[i] : 0.0;
  }
  fit->covariance = eigen.eigenvectors() * inverse_values.asDiagonal() *
                    eigen.eigenvectors().transpose() * (fit->sse / dof);
}

FitResult ClosedForm(CurveFamily family, const std::vector<double>& x, const std::vector<double>& y,
                     const FitSettings& settings) {
  FitResult fit;
  fit.family = family;
  fit.n = static_cast<int>(x.size());
  double n = static_cast<double>(x.size());
  double mean_x = 0, mean_y = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    mean_x += x[i] / n;
    mean_y += y[i] / n;
  }
  if (family == CurveFamily::kConstant) {
    fit.params = Params::Constant(1, mean_y);
  } else {
    double sxx = 0, sxy = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      sxx += (x[i] - mean_x) * (x[i] - mean_x);
      sxy += (x[i] - mean_x) * (y[i] - mean_y);
    }
    double slope = sxx > 0 ? sxy / sxx : 0;
    fit.params.resize(2);
    fit.params << mean_y - slope * mean_x, slope;
  }
  fit.sse = SumOfSquares(family, fit.params, x, y);
  fit.converged = true;
  if (settings.covariance) FillCovariance(&fit, x, y);
  return fit;
}

}  // namespace

double FitResult::Rmse() const { return n > 0 ? std::sqrt(sse / n) : 0; }

double FitResult::Aic() const {
  // A perfect fit would give ln(0); a floor keeps the criterion finite.
  return n * std::log(std::max(sse, 1e-300) / n) + 2.0 * params.size();
}

double FitResult::Bic() const {
  return n * std::log(std::max(sse, 1e-300) / n) + std::log(static_cast<double>(n)) * params.size();
}

double FitResult::StandardError(int i) const { return std::sqrt(std::max(0.0, covariance(i, i))); }

CurveBounds DefaultBounds(CurveFamily family, const std::vector<double>& x, double x_floor,
                          const BoundSettings& settings) {
  double x_min = *std::min_element(x.begin(), x.end());
  double x_max = *std::max_element(x.begin(), x.end());
  double range = std::max(x_max - x_min, 1e-9);
  double mid_lo = std::max(x_floor, x_min - settings.midpoint_range * range);
  double mid_hi = x_max + settings.midpoint_range * range;
  // A logistic goes from 5% to 95% over 2 ln(19) / |k|.
  double k_max = 2.0 * std::log(19.0) / (settings.min_rise_fraction * range);
  int k = ParamCount(family);
  CurveBounds bounds{Params::Constant(k, -kInf), Params::Constant(k, kInf)};
  switch (family) {
    case CurveFamily::kConstant:
    case CurveFamily::kLinear:
      break;
    case CurveFamily::kSigmoidOffset:
      bounds.lower[2] = settings.offset_min;
      bounds.upper[2] = settings.offset_max;
      [[fallthrough]];
    case CurveFamily::kSigmoid:
    case CurveFamily::kClippedLinear:
      bounds.lower[0] = -k_max;
      bounds.upper[0] = k_max;
      bounds.lower[1] = mid_lo;
      bounds.upper[1] = mid_hi;
      break;
  }
  return bounds;
}

std::vector<Params> StartsFor(CurveFamily family, const std::vector<double>& x,
                              const std::vector<double>& y, const CurveBounds& bounds, int count) {
  std::vector<Params> starts;
  if (family == CurveFamily::kConstant || family == CurveFamily::kLinear) return starts;
  double x_min = *std::min_element(x.begin(), x.end());
  double x_max = *std::max_element(x.begin(), x.end());
  double range = std::max(x_max - x_min, 1e-9);
  double y_mean = 0;
  for (double v : y) y_mean += v / y.size();
  double floor =
      family == CurveFamily::kSigmoidOffset
          ? std::clamp(*std::min_element(y.begin(), y.end()) - 0.02, bounds.lower[2], 0.5)
          : 0.0;
  auto make = [&](double k, double x0) {
    Params p(ParamCount(family));
    p[0] = k;
    p[1] = x0;
    if (family == CurveFamily::kSigmoidOffset) p[2] = floor;
    return Clamp(p, bounds);
  };

  // 1. Regression of logit(y) on x: exact for noiseless sigmoid data.
  {
    double n = 0, mx = 0, mz = 0, sxx = 0, sxz = 0;
    std::vector<double> z(y.size());
    for (size_t i = 0; i < y.size(); ++i) {
      double scaled = (y[i] - floor) / (1 - floor);
      z[i] = Logit(std::clamp(scaled, 0.01, 0.99));
      mx += x[i];
      mz += z[i];
      n += 1;
    }
    mx /= n;
    mz /= n;
    for (size_t i = 0; i < y.size(); ++i) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxz += (x[i] - mx) * (z[i] - mz);
    }
    double slope = sxx > 0 ? sxz / sxx : 0;
    if (family == CurveFamily::kClippedLinear) {
      // Match the least-squares line a + b x: k = b, x0 = -a / b.
      double sxy = 0;
      for (size_t i = 0; i < y.size(); ++i) sxy += (x[i] - mx) * (y[i] - y_mean);
      double b = sxx > 0 ? sxy / sxx : 0;
      if (b != 0) starts.push_back(make(b, mx - y_mean / b));
    } else if (slope != 0) {
      starts.push_back(make(slope, mx - mz / slope));
    }
  }
  // 2. A grid: the sign of k from the trend, midpoints across and beyond the data.
  double trend = 0;
  for (size_t i = 0; i < x.size(); ++i) trend += (x[i] - x_min) * (y[i] - y_mean);
  double sign = trend >= 0 ? 1.0 : -1.0;
  const double steepness[] = {4.0, 12.0, 1.5};
  const double midpoints[] = {0.5, 1.5, -0.5, 3.0, 0.0, 1.0, -2.0, 6.0};
  for (double s : steepness) {
    for (double m : midpoints) {
      // Midpoint offsets are measured in the direction scores improve.
      double x0 = sign > 0 ? x_min + m * range : x_max - m * range;
      starts.push_back(make(sign * s / range, x0));
    }
  }
  if (static_cast<int>(starts.size()) > count) starts.resize(std::max(count, 1));
  return starts;
}

FitResult FitFromStart(CurveFamily family, const std::vector<double>& x,
                       const std::vector<double>& y, const CurveBounds& bounds, const Params& start,
                       const FitSettings& settings) {
  FitResult fit;
  fit.family = family;
  fit.n = static_cast<int>(x.size());
  fit.params = Clamp(start, bounds);
  fit.sse = SumOfSquares(family, fit.params, x, y);
  // Damping follows Nielsen (1999): after a good step lambda shrinks by up to
  // 3x according to the gain ratio rho (actual / predicted decrease); after a
  // failed one it grows by a factor that doubles each time. In the curved
  // valleys of sigmoid fits this needs several times fewer iterations than a
  // fixed divide-by-3 / times-4 rule.
  double lambda = 1e-3;
  double growth = 2.0;
  Matrix jtj;
  Params jtr;
  int k = static_cast<int>(fit.params.size());
  for (fit.iterations = 0; fit.iterations < settings.max_iterations; ++fit.iterations) {
    NormalEquations(family, fit.params, x, y, &jtj, &jtr);
    bool improved = false;
    bool small_move = false;
    double previous = fit.sse;
    // Past 1e8 the damped step is a vanishing gradient step: the point is a
    // (possibly bound-constrained) minimum.
    // Active set: a parameter sitting on a bound that the gradient pushes
    // outwards is held fixed, so the others take a true LM step of the
    // reduced problem instead of a projected step that zig-zags along the bound.
    Params free = Params::Ones(k);
    for (int a = 0; a < k; ++a) {
      bool at_lower = fit.params[a] <= bounds.lower[a] && jtr[a] > 0;
      bool at_upper = fit.params[a] >= bounds.upper[a] && jtr[a] < 0;
      if (at_lower || at_upper) free[a] = 0;
    }
    while (lambda < 1e8) {
      Matrix damped = jtj;
      // Marquardt's scaling by diag(J^T J), with a small absolute term so a
      // parameter with zero gradient (flat clipped line) still gets a step.
      for (int a = 0; a < k; ++a) damped(a, a) += lambda * (jtj(a, a) + 1e-9);
      Params rhs = -jtr;
      for (int a = 0; a < k; ++a) {
        if (free[a] == 0) {
          damped.row(a).setZero();
          damped.col(a).setZero();
          damped(a, a) = 1;
          rhs[a] = 0;
        }
      }
      Params trial = Clamp(fit.params + damped.ldlt().solve(rhs), bounds);
      Params step = trial - fit.params;
      if (step.cwiseAbs().maxCoeff() <= 1e-14 * (1 + fit.params.norm())) break;
      double sse = SumOfSquares(family, trial, x, y);
      // The linear model predicts |r + J step|^2 = sse + 2 g.step + step' H step.
      double predicted = -(2.0 * jtr.dot(step) + step.dot(jtj * step));
      if (std::isfinite(sse) && sse < fit.sse) {
        double moved = 0;
        for (double xi : x) {
          moved = std::max(
              moved, std::abs(Evaluate(family, trial, xi) - Evaluate(family, fit.params, xi)));
        }
        small_move = moved < settings.prediction_tolerance;
        double rho = predicted > 0 ? (fit.sse - sse) / predicted : 0.5;
        double shrink = 1.0 - std::pow(2.0 * std::min(rho, 1.0) - 1.0, 3);
        lambda = std::max(lambda * std::max(1.0 / 3.0, shrink), 1e-12);
        growth = 2.0;
        fit.params = trial;
        fit.sse = sse;
        improved = true;
        break;
      }
      lambda *= growth;
      growth *= 2.0;
    }
    if (!improved || small_move ||
        previous - fit.sse <= settings.tolerance * std::max(previous, 1e-30)) {
      fit.converged = true;
      break;
    }
  }
  if (settings.covariance) FillCovariance(&fit, x, y);
  return fit;
}

FitResult FitCurve(CurveFamily family, const std::vector<double>& x, const std::vector<double>& y,
                   const CurveBounds& bounds, const std::vector<Params>& starts,
                   const FitSettings& settings) {
  if (family == CurveFamily::kConstant || family == CurveFamily::kLinear) {
    return ClosedForm(family, x, y, settings);
  }
  FitResult best;
  best.family = family;
  best.sse = kInf;
  for (const Params& start : starts) {
    FitResult fit = FitFromStart(family, x, y, bounds, start, settings);
    if (fit.sse < best.sse) best = fit;
  }
  return best;
}

}  // namespace advlab::forecasting
