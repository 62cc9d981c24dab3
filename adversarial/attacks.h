#pragma once
// The attacks of AttackSpec against any differentiable classifier given as
// pixels -> logits. They never touch the model's parameters' gradients and
// build nothing under InferenceMode (its tensors cannot enter autograd).
// Random starts use a generator seeded by spec.seed on the CPU, so a seed
// gives the same start on every device.
#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

#include "adversarial/attack_spec.h"

namespace advlab::adversarial {

using LogitsFn = std::function<torch::Tensor(const torch::Tensor& pixels)>;

// One member of an ensemble: the images it found adversaries for (among
// those still robust) and its time.
struct EnsembleStage {
  std::string attack;
  int64_t newly_fooled = 0;
  double seconds = 0;
};

struct AttackResult {
  torch::Tensor adversarial;     // [N, C, H, W]
  torch::Tensor success;         // bool [N]: fooled (targeted: reached the target)
  torch::Tensor gradient_steps;  // long [N]: forward-backward passes spent on each image
  // APGD-DLR and APGD-T: images whose gradient at the random start was
  // exactly zero (AutoAttack's gradient-masking check); square: queries
  // spent are in gradient_steps (forward passes, no gradient).
  int64_t zero_gradient_images = 0;
  std::vector<EnsembleStage> stages;  // ensemble: its members in order
};

// `targets` is used when spec.targeted (and always by fort); labels otherwise.
AttackResult RunAttack(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                       const torch::Tensor& labels, const torch::Tensor& targets);

AttackResult Pgd(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                 const torch::Tensor& goal);
// APGD-CE (spec.method apgd) or APGD-DLR (apgd_dlr).
AttackResult Apgd(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                  const torch::Tensor& goal);
// APGD-T: untargeted success, targeted DLR towards each of the spec.targets
// next-best clean classes in turn, each on the images still robust.
AttackResult ApgdTargeted(const AttackSpec& spec, const LogitsFn& logits,
                          const torch::Tensor& images, const torch::Tensor& labels);
// AutoAttack's flow over spec.members (attack_spec.h); images misclassified
// when clean are left as they are.
AttackResult Ensemble(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                      const torch::Tensor& labels);
// Square (score-based): a forward pass at the start, then spec.queries
// proposals (one forward pass each) on the margin loss.
AttackResult Square(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                    const torch::Tensor& labels);
// FAB (spec.method fab) or FAB-T (fab_t): minimum-norm adversaries, kept
// when within spec.epsilon; clean-misclassified images are left as they are.
AttackResult Fab(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                 const torch::Tensor& labels);
AttackResult FortDescent(const AttackSpec& spec, const LogitsFn& logits,
                         const torch::Tensor& images, const torch::Tensor& targets);

// APGD's checkpoints for n steps: 0, then periods of 0.22 n shrinking by
// 0.03 n down to 0.06 n (Croce & Hein 2020). For 100: 0, 22, 41, 57, ...
std::vector<int> ApgdCheckpoints(int steps);

}  // namespace advlab::adversarial
