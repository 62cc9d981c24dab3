#include "forecasting/scaling_laws.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "core/csv_reader.h"

using namespace advlab::forecasting;

TEST_CASE("Kaplan conversions match the golden table (reference section 3)", "[scaling]") {
  // L, N_conv, D_thr, 6 N D_thr, D(L), C_min in PF-days
  struct Row {
    double loss, n, d_thr, flop, d, c_pfdays;
  };
  const Row rows[] = {
      {3.0, 4.64e7, 2.36e9, 6.56e17, 5.13e8, 0.0889},
      {2.2, 2.75e9, 4.83e10, 7.96e20, 1.34e10, 43.9},
      {1.73, 6.49e10, 5.01e11, 1.95e23, 1.69e11, 5.38e3},
      {1.2, 7.99e12, 1.77e13, 8.47e26, 7.92e12, 8.09e6},
      {1.0, 8.8e13, 1.04e14, 5.5e28, 5.4e13, 3.1e8},
      {0.8, 1.66e15, 9.15e14, 9.1e30, 5.66e14, 2.69e10},
  };
  KaplanLaw law;
  for (const Row& row : rows) {
    INFO("L = " << row.loss);
    double n = law.ParamsFromLoss(row.loss);
    CHECK(n == Approx(row.n).epsilon(0.01));
    CHECK(law.OverfittingThreshold(n) == Approx(row.d_thr).epsilon(0.01));
    CHECK(law.ConvergedComputeFromLoss(row.loss) == Approx(row.flop).epsilon(0.015));
    CHECK(law.TokensFromLoss(row.loss) == Approx(row.d).epsilon(0.01));
    CHECK(law.ComputeFromLoss(row.loss) / kFlopPerPetaflopDay ==
          Approx(row.c_pfdays).epsilon(0.01));
    // And back again.
    CHECK(law.LossFromParams(n) == Approx(row.loss));
    CHECK(law.LossFromTokens(law.TokensFromLoss(row.loss)) == Approx(row.loss));
    CHECK(law.LossFromCompute(law.ComputeFromLoss(row.loss)) == Approx(row.loss));
  }
  CHECK(TrainingFlop(175e9, 300e9) == Approx(3.15e23));
}

TEST_CASE("Kaplan L(N, D) reproduces the shipped loss proxy B", "[scaling]") {
  auto models =
      advlab::core::ReadCsv(std::string(ADVLAB_SOURCE_DIR) + "/forecasting/data/gpt3_models.csv");
  KaplanLaw law;
  for (const auto& row : models.rows) {
    double n = models.Number(row, "nonembedding_params_12Ld2");
    double proxy = models.Number(row, "loss_proxy_kaplan_LND");
    CHECK(law.LossFromParamsAndTokens(n, 3e11) == Approx(proxy).epsilon(2e-4));
    // Proxy A: 2.57 C^-0.048 with C in PF-days (Brown et al. Fig. 3.1).
    double frontier = 2.57 * std::pow(models.Number(row, "compute_pfdays"), -0.048);
    CHECK(frontier == Approx(models.Number(row, "loss_proxy_gpt3_frontier")).epsilon(2e-4));
  }
}

TEST_CASE("Chinchilla loss and compute-optimal split match hand computations", "[scaling]") {
  ChinchillaLaw law;
  // 1.69 + 406.4 / (70e9)^0.34 + 410.7 / (1.4e12)^0.28, by hand: 1.936645
  CHECK(law.Loss(70e9, 1.4e12) == Approx(1.936645).epsilon(1e-6));
  CHECK(law.Loss(175e9, 3e11) == Approx(2.002288).epsilon(1e-6));
  double n = 0, d = 0;
  law.OptimalAllocation(5.76e23, &n, &d);
  CHECK(n == Approx(3.2190e10).epsilon(1e-3));
  CHECK(d == Approx(2.9823e12).epsilon(1e-3));
  CHECK(TrainingFlop(n, d) == Approx(5.76e23));
  // The split is a minimum: moving parameters either way raises the loss.
  CHECK(law.Loss(n * 1.2, d / 1.2) > law.Loss(n, d));
  CHECK(law.Loss(n / 1.2, d * 1.2) > law.Loss(n, d));
  double loss = law.LossFromCompute(5.76e23);
  CHECK(loss == Approx(1.930748).epsilon(1e-5));
  CHECK(law.ComputeFromLoss(loss) == Approx(5.76e23).epsilon(1e-6));
  CHECK(std::isnan(law.ComputeFromLoss(1.5)));  // below the irreducible loss E
}
