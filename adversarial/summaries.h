#pragma once
// The numbers the jobs report, kept free of LibTorch so the command-line
// front end can print them without compiling torch's headers.
#include <cstdint>
#include <string>
#include <vector>

#include "adversarial/attack_spec.h"

namespace advlab::adversarial {

// A label set's accuracy is near chance when it has come less than a quarter
// of the way from chance to perfect (with 10 classes: below 0.325). A
// multiple of chance said nothing useful: 0.16 among 10 classes, while
// trained names reach 0.80, slipped past "1.5 x chance".
inline bool NearChance(double accuracy, double chance) {
  return accuracy < chance + 0.25 * (1.0 - chance);
}

struct ZeroShotRow {
  std::string label_set;
  bool trained = true;
  std::string templates;  // the single template, or "ensemble of N"
  double accuracy = 0;
};

// Fort's relabeling test for one label set (relabeling.h computes it).
struct TransferSummary {
  std::string label_set;
  bool trained = true;
  int64_t attacked = 0, successful = 0;  // successful: under set A
  double clean_accuracy = 0;             // all attacked images, this set
  // Over the successful A-adversaries:
  double transfer_rate = 0;       // argmax == target
  double target_probability = 0;  // mean p(target)
  double still_true_rate = 0;     // argmax == the true class
  double noise_transfer_rate = 0, noise_target_probability = 0;
  double clean_transfer_rate = 0, clean_target_probability = 0;
};

struct SweepRow {
  std::string attack;  // AttackSpec::Name()
  Norm norm = Norm::kLinf;
  double epsilon = 0;
  int64_t images = 0;
  double robust_accuracy = 0;
  double success_rate = 0;  // among images classified correctly when clean
  double mean_linf = 0, max_linf = 0, mean_l2 = 0, max_l2 = 0;
  // The adversarial inputs' value range and non-finite values: a pixel
  // outside [0, 1] or a NaN means the attack left the valid image domain.
  double min_pixel = 0, max_pixel = 0;
  int64_t nan_values = 0;
  double gradient_steps = 0;  // mean per image
  double seconds = 0;
};

struct AttackJobSummary {
  std::string model;
  int64_t images = 0;
  double clean_accuracy = 0;
  std::vector<SweepRow> sweep;
  std::vector<TransferSummary> transfer;  // set A first
};

}  // namespace advlab::adversarial
