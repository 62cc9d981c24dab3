#pragma once
// Conversions between validation loss (nats/token), parameters N, training
// tokens D and training compute C. Kaplan et al. 2020 (arXiv 2001.08361;
// non-embedding N, WebText2 loss) and Hoffmann et al. 2022 (Chinchilla,
// arXiv 2203.15556). Finnveden labels a loss with "the size + data you would
// need to reach it if you trained to convergence": N from L(N), D from the
// overfitting threshold, FLOP = 6 N D.
//
//   constant            value       meaning
//   alpha_n, n_c        0.076, 8.8e13   L(N)  = (N_c / N)^alpha_N
//   alpha_d, d_c        0.095, 5.4e13   L(D)  = (D_c / D)^alpha_D
//   alpha_c, c_c        0.050, 3.1e8    L(C)  = (C_c / C_min[PF-days])^alpha_C
//   threshold           5e3 * N^0.74    tokens beyond which a model of size N stops overfitting
namespace advlab::forecasting {

constexpr double kFlopPerPetaflopDay = 8.64e19;

struct KaplanLaw {
  double alpha_n = 0.076, n_c = 8.8e13;
  double alpha_d = 0.095, d_c = 5.4e13;
  double alpha_c = 0.050, c_c_pfdays = 3.1e8;
  double threshold_scale = 5e3, threshold_exponent = 0.74;

  double LossFromParams(double n) const;                     // L(N), converged
  double ParamsFromLoss(double loss) const;                  // N_conv(L), the inverse of L(N)
  double LossFromTokens(double d) const;                     // L(D), unlimited model size
  double TokensFromLoss(double loss) const;                  // inverse of L(D)
  double LossFromParamsAndTokens(double n, double d) const;  // L(N, D)
  double LossFromCompute(double flop) const;                 // L(C_min), compute-efficient frontier
  double ComputeFromLoss(double loss) const;                 // inverse of L(C_min), in FLOP
  double OverfittingThreshold(double n) const;               // D >= 5e3 N^0.74
  // 6 N_conv(L) D_thr(N_conv(L)): size + data to reach L trained to convergence.
  double ConvergedComputeFromLoss(double loss) const;
};

struct ChinchillaLaw {
  double e = 1.69, a = 406.4, b = 410.7, alpha = 0.34, beta = 0.28;

  double Loss(double n, double d) const;  // E + A / N^alpha + B / D^beta
  // The compute-optimal split of C = 6 N D (minimising Loss).
  void OptimalAllocation(double flop, double* n, double* d) const;
  double LossFromCompute(double flop) const;  // Loss at the optimal split
  double ComputeFromLoss(double loss) const;  // inverse (NaN at or below E)
};

// Training compute of a dense transformer: 6 FLOP per parameter per token.
inline double TrainingFlop(double params, double tokens) { return 6.0 * params * tokens; }

}  // namespace advlab::forecasting
