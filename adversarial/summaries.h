#pragma once
// The numbers the jobs report, kept free of LibTorch so the command-line
// front end can print them without compiling torch's headers.
#include <cstdint>
#include <string>

namespace advlab::adversarial {

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

}  // namespace advlab::adversarial
