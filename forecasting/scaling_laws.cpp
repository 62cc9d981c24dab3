#include "forecasting/scaling_laws.h"

#include <cmath>
#include <limits>

namespace advlab::forecasting {

double KaplanLaw::LossFromParams(double n) const { return std::pow(n_c / n, alpha_n); }
double KaplanLaw::ParamsFromLoss(double loss) const { return n_c * std::pow(loss, -1.0 / alpha_n); }
double KaplanLaw::LossFromTokens(double d) const { return std::pow(d_c / d, alpha_d); }
double KaplanLaw::TokensFromLoss(double loss) const { return d_c * std::pow(loss, -1.0 / alpha_d); }

double KaplanLaw::LossFromParamsAndTokens(double n, double d) const {
  return std::pow(std::pow(n_c / n, alpha_n / alpha_d) + d_c / d, alpha_d);
}

double KaplanLaw::LossFromCompute(double flop) const {
  return std::pow(c_c_pfdays / (flop / kFlopPerPetaflopDay), alpha_c);
}

double KaplanLaw::ComputeFromLoss(double loss) const {
  return c_c_pfdays * std::pow(loss, -1.0 / alpha_c) * kFlopPerPetaflopDay;
}

double KaplanLaw::OverfittingThreshold(double n) const {
  return threshold_scale * std::pow(n, threshold_exponent);
}

double KaplanLaw::ConvergedComputeFromLoss(double loss) const {
  double n = ParamsFromLoss(loss);
  return TrainingFlop(n, OverfittingThreshold(n));
}

double ChinchillaLaw::Loss(double n, double d) const {
  return e + a / std::pow(n, alpha) + b / std::pow(d, beta);
}

void ChinchillaLaw::OptimalAllocation(double flop, double* n, double* d) const {
  // Minimising A N^-alpha + B D^-beta subject to 6 N D = C gives
  // N_opt = G (C/6)^(beta/(alpha+beta)) with G = (alpha A / (beta B))^(1/(alpha+beta)).
  double g = std::pow(alpha * a / (beta * b), 1.0 / (alpha + beta));
  *n = g * std::pow(flop / 6.0, beta / (alpha + beta));
  *d = flop / 6.0 / *n;
}

double ChinchillaLaw::LossFromCompute(double flop) const {
  double n = 0, d = 0;
  OptimalAllocation(flop, &n, &d);
  return Loss(n, d);
}

double ChinchillaLaw::ComputeFromLoss(double loss) const {
  if (!(loss > e)) return std::numeric_limits<double>::quiet_NaN();
  // LossFromCompute falls monotonically in C; bisect on log10 C.
  double lo = 0, hi = 60;
  for (int i = 0; i < 200; ++i) {
    double mid = 0.5 * (lo + hi);
    if (LossFromCompute(std::pow(10.0, mid)) > loss) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return std::pow(10.0, 0.5 * (lo + hi));
}

}  // namespace advlab::forecasting
