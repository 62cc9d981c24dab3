#pragma once
// The pieces the attacks share: the loss they ascend, success, random starts,
// steps and projections onto the epsilon ball (then the [0, 1] box).
#include <torch/torch.h>

#include <functional>

#include "adversarial/attack_spec.h"
#include "adversarial/attacks.h"

namespace advlab::adversarial {

// Per image: CE(logits, goal) untargeted, -CE(logits, goal) targeted.
torch::Tensor AscentLoss(const torch::Tensor& logits, const torch::Tensor& goal, bool targeted);
// AutoAttack's difference-of-logits-ratio losses (to ascend), per image;
// z sorted descending is z_(1) >= z_(2) >= ...:
//   DLR           -(z_y - max_(i!=y) z_i) / (z_(1) - z_(3) + 1e-12)        (3+ classes)
//   targeted DLR  -(z_y - z_t) / (z_(1) - (z_(3) + z_(4)) / 2 + 1e-12)    (4+ classes)
torch::Tensor DlrLoss(const torch::Tensor& logits, const torch::Tensor& labels);
torch::Tensor TargetedDlrLoss(const torch::Tensor& logits, const torch::Tensor& labels,
                              const torch::Tensor& targets);
// Per image: z_y - max_(j!=y) z_j; the image is misclassified when it is <= 0.
torch::Tensor Margin(const torch::Tensor& logits, const torch::Tensor& labels);
// Per image: argmax != goal untargeted, argmax == goal targeted.
torch::Tensor Fooled(const torch::Tensor& logits, const torch::Tensor& goal, bool targeted);

// linf: sign(g); l2: g / ||g||_2 per image.
torch::Tensor SteepestDirection(const torch::Tensor& gradient, Norm norm);
// Projects x onto {|x - origin| <= epsilon} in `norm`, then onto [0, 1].
torch::Tensor Project(const torch::Tensor& x, const torch::Tensor& origin, double epsilon,
                      Norm norm);
// Per-image norms of a perturbation, [N].
torch::Tensor PerturbationNorm(const torch::Tensor& delta, Norm norm);

// The result before any attack: the clean images, nothing fooled, no steps.
AttackResult Unattacked(const torch::Tensor& images);

// One run of an attack over some images: each image's point (a fooling
// iterate where the run found one, else the run's highest-loss iterate),
// whether it fooled, that point's loss and the gradient steps spent.
struct RunOutcome {
  torch::Tensor points, fooled, loss, steps;
};
using SingleRun = std::function<RunOutcome(const torch::Tensor& origin, const torch::Tensor& goal,
                                           at::Generator& generator)>;
// spec.restarts runs as AutoAttack restarts: each re-attacks only the images
// not yet fooled, and an image keeps its fooling point or else the
// highest-loss point of any run. One generator, seeded by spec.seed, serves
// all runs, so a seed fixes every start.
AttackResult WithRestarts(const AttackSpec& spec, const torch::Tensor& images,
                          const torch::Tensor& goal, const SingleRun& run);

// AutoAttack attacks only the images classified correctly when clean: runs
// `attack` on those, and returns the others as they are, not fooled, with no
// steps (so checks such as the zero-gradient count see only real attacks).
AttackResult OnCorrectlyClassified(
    const LogitsFn& logits, const torch::Tensor& images, const torch::Tensor& labels,
    const std::function<AttackResult(const torch::Tensor&, const torch::Tensor&)>& attack);

// Uniform (linf) or Gaussian direction (l2) noise, drawn on the CPU.
torch::Tensor UniformNoise(const torch::Tensor& like, at::Generator& generator);
torch::Tensor GaussianNoise(const torch::Tensor& like, at::Generator& generator);

}  // namespace advlab::adversarial
