#pragma once
// AutoAttack's sanity checks (fra31/auto-attack checks.py, flags_doc.md) as
// flags for the attack job's report: signs that a robust accuracy may be
// overstated because the model hides its gradient or is not what the
// attacks assume. Like the reference, they warn and never stop the run.
#include <torch/torch.h>

#include <string>
#include <vector>

#include "adversarial/attacks.h"

namespace advlab::adversarial {

struct CheckFlag {
  std::string check;  // randomised_outputs, softmax_output, ...
  bool raised = false;
  std::string detail;   // what was measured
  std::string meaning;  // what it suggests, and the remedy
};

// Before any attack, on a batch of images (the reference uses its first
// batch): randomised outputs (5 passes), probabilities instead of logits,
// gradients computed inside the forward pass, and too few classes for the
// DLR attacks among `attacks`.
std::vector<CheckFlag> CheckModel(const LogitsFn& logits, const torch::Tensor& images,
                                  const torch::Tensor& labels,
                                  const std::vector<AttackSpec>& attacks);

// After the attacks: images whose gradient was exactly zero at a DLR
// attack's start, and Square lowering an ensemble's robust accuracy by more
// than 0.002 after the white-box members (a gradient-masking sign).
struct EnsembleTrace {
  std::string attack;  // e.g. ensemble_linf at 8/255
  double clean_accuracy = 0;
  std::vector<std::string> members;     // in order ("apgd_linf", "square_linf", ...)
  std::vector<double> robust_accuracy;  // after each member
};
CheckFlag CheckZeroGradient(int64_t zero_gradient_images, int64_t attacked_images);
CheckFlag CheckSquareImprovement(const std::vector<EnsembleTrace>& ensembles);

}  // namespace advlab::adversarial
