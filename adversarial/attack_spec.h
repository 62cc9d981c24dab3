#pragma once
// One attack, fully specified. Pixels live in [0, 1]; epsilon and step sizes
// are in those units (8/255 = 0.0314).
//
//   method  fgsm   one signed-gradient step of size epsilon (L2: a normalised step)
//           pgd    torchattacks' PGD: uniform start, `steps` steps of step_size, projection
//                  onto the epsilon ball then [0, 1]; restarts re-attack only the images not
//                  yet fooled and keep each image's worst case
//           apgd   AutoAttack's APGD-CE: step 2 epsilon halved at checkpoints, momentum 0.75,
//                  best-loss restarts of the step; returns a fooling iterate where one exists
//           apgd_dlr  APGD on the DLR loss (shift- and scale-invariant in the logits)
//           apgd_t    APGD-T: APGD on the targeted DLR loss, once for each of the `targets`
//                  classes with the highest clean logits after the true one, each run on the
//                  images still correctly classified; success is any misclassification
//           square    Square (Andriushchenko et al. 2020): score-based random search on the
//                  margin loss: `queries` proposals after the start, no gradient
//           fab    FAB (Croce & Hein 2020): minimum-norm search along projections onto the
//                  linearised boundary of the nearest class; success only within epsilon
//           fab_t  FAB-T: FAB towards each of the `targets` next-best clean classes in turn
//           ensemble  AutoAttack's evaluation flow over `members` in order (`suite`
//                  standard: APGD-CE, APGD-T, FAB-T, Square): each member attacks, from the
//                  clean image, only the images still correctly classified; an image keeps
//                  the first adversary found (autoattack_suite.h)
//           fort   Fort (2021): plain gradient descent on the target's cross-entropy in the
//                  model's normalised coordinates, no ball, no clamp unless asked, stopping
//                  per image once the target's probability reaches target_probability
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace advlab::adversarial {

enum class AttackMethod {
  kFgsm,
  kPgd,
  kApgd,
  kApgdDlr,
  kApgdT,
  kSquare,
  kFab,
  kFabT,
  kEnsemble,
  kFort
};
enum class Norm { kLinf, kL2 };

// fgsm | pgd | apgd | apgd_dlr | apgd_t | square | fab | fab_t | ensemble | fort
std::string MethodName(AttackMethod method);
std::string NormName(Norm norm);  // linf | l2

// An ensemble member and its restarts (AutoAttack's versions differ in both).
struct EnsembleMember {
  AttackMethod method;
  int restarts = 1;
};

struct AttackSpec {
  AttackMethod method = AttackMethod::kPgd;
  Norm norm = Norm::kLinf;  // fgsm, pgd, apgd
  double epsilon = 8.0 / 255;
  double step_size = 2.0 / 255;  // pgd: alpha; fort: eta
  int steps = 10;
  int restarts = 1;
  bool random_start = true;
  bool targeted = false;
  // pgd: freeze an image at its first fooling iterate (it costs no extra
  // forward pass: the check reads the logits the gradient needs anyway).
  bool early_stop = true;
  int targets = 9;  // apgd_t, fab_t: target classes tried, at most classes - 1
  // apgd: input gradients averaged over this many passes (EOT, AutoAttack's
  // rand version for randomised models).
  int eot = 1;
  int queries = 5000;             // square
  double p_init = 0.8;            // square: the first squares' share of the image
  bool rescale_schedule = false;  // square: p's schedule squeezed into `queries` (cheap)
  // fab, fab_t (fab_base.py): the step's largest pull towards the clean
  // image, the overshoot past the boundary and the step back after a success.
  double alpha_max = 0.1, overshoot = 1.05, step_back = 0.9;
  std::vector<EnsembleMember> members = {{AttackMethod::kApgd},
                                         {AttackMethod::kApgdT},
                                         {AttackMethod::kFabT},
                                         {AttackMethod::kSquare}};  // ensemble
  std::string suite = "standard";   // ensemble: the AutoAttack version the members come from
  double target_probability = 0.9;  // fort
  bool clamp = false;               // fort: keep pixels in [0, 1]
  std::vector<double> descent_scale = {1.0};  // fort: the model's pixel std per channel
  uint64_t seed = 0;

  // "pgd_linf", "apgd_l2", "fort", ...
  std::string Name() const;
  bool Bounded() const { return method != AttackMethod::kFort; }
};

// The config's attack names: "fgsm_linf", "pgd_l2", ..., and "fort" (no
// norm); std::nullopt for any other name.
struct AttackKind {
  AttackMethod method;
  Norm norm;
};
std::optional<AttackKind> ParseAttackName(const std::string& name);

}  // namespace advlab::adversarial
