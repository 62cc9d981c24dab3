// FGSM and PGD with torchattacks' semantics, plus per-image early stop and
// restarts that keep each image's worst case.
#include <ATen/CPUGeneratorImpl.h>

#include "adversarial/attack_math.h"
#include "adversarial/attacks.h"
#include "core/error.h"

namespace advlab::adversarial {
namespace {

torch::Tensor RandomStart(const AttackSpec& spec, const torch::Tensor& x,
                          at::Generator& generator) {
  if (spec.norm == Norm::kL2) {
    // torchattacks PGDL2: a Gaussian direction scaled to radius r * epsilon, r ~ U(0, 1).
    torch::Tensor direction = GaussianNoise(x, generator);
    torch::Tensor length = direction.flatten(1).norm(2, 1).view({-1, 1, 1, 1});
    torch::Tensor radius =
        torch::rand({x.size(0)}, generator, torch::kFloat).to(x.device()).view({-1, 1, 1, 1});
    return (x + direction / (length + 1e-12) * radius * spec.epsilon).clamp(0.0, 1.0);
  }
  return (x + (2 * UniformNoise(x, generator) - 1) * spec.epsilon).clamp(0.0, 1.0);
}

// One PGD run from a fresh start; images fooled early leave the batch.
RunOutcome PgdRun(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& origin,
                  const torch::Tensor& aim, at::Generator& generator) {
  const int64_t m = origin.size(0);
  const auto device = origin.device();
  RunOutcome out{origin.clone(), torch::zeros({m}, torch::dtype(torch::kBool).device(device)),
                 torch::full({m}, -INFINITY, torch::dtype(torch::kFloat).device(device)),
                 torch::zeros({m}, torch::dtype(torch::kLong).device(device))};
  torch::Tensor adversarial =
      spec.random_start ? RandomStart(spec, origin, generator) : origin.clone();
  torch::Tensor active = torch::arange(m, torch::dtype(torch::kLong).device(device));

  for (int step = 0; step < spec.steps && active.numel() > 0; ++step) {
    torch::Tensor x = adversarial.index_select(0, active).requires_grad_(true);
    torch::Tensor scores = logits(x);
    torch::Tensor gradient = torch::autograd::grad(
        {AscentLoss(scores, aim.index_select(0, active), spec.targeted).sum()}, {x})[0];
    out.steps.index_add_(0, active, torch::ones_like(active));
    x = x.detach();
    if (spec.early_stop) {
      torch::Tensor hit = Fooled(scores.detach(), aim.index_select(0, active), spec.targeted);
      if (hit.any().item<bool>()) {
        torch::Tensor where = active.masked_select(hit);
        out.points.index_copy_(0, where, x.index_select(0, hit.nonzero().squeeze(1)));
        out.fooled.index_fill_(0, where, true);
        torch::Tensor keep = (~hit).nonzero().squeeze(1);
        active = active.index_select(0, keep);
        x = x.index_select(0, keep);
        gradient = gradient.index_select(0, keep);
        if (active.numel() == 0) break;
      }
    }
    torch::Tensor stepped = x + spec.step_size * SteepestDirection(gradient, spec.norm);
    adversarial.index_copy_(
        0, active, Project(stepped, origin.index_select(0, active), spec.epsilon, spec.norm));
  }
  if (active.numel() > 0) {
    // The final iterate of the images still unfooled: judged once more.
    torch::NoGradGuard no_grad;
    torch::Tensor x = adversarial.index_select(0, active);
    torch::Tensor scores = logits(x);
    torch::Tensor aim_active = aim.index_select(0, active);
    out.points.index_copy_(0, active, x);
    out.fooled.index_copy_(0, active, Fooled(scores, aim_active, spec.targeted));
    out.loss.index_copy_(0, active,
                         AscentLoss(scores, aim_active, spec.targeted).to(torch::kFloat));
  }
  return out;
}

}  // namespace

AttackResult Pgd(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                 const torch::Tensor& goal) {
  return WithRestarts(
      spec, images, goal,
      [&](const torch::Tensor& origin, const torch::Tensor& aim, at::Generator& generator) {
        return PgdRun(spec, logits, origin, aim, generator);
      });
}

AttackResult RunAttack(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                       const torch::Tensor& labels, const torch::Tensor& targets) {
  const bool fort = spec.method == AttackMethod::kFort;
  if ((spec.targeted || fort) && !targets.defined()) {
    throw std::invalid_argument(spec.Name() + ": a targeted attack needs targets");
  }
  const torch::Tensor& goal = spec.targeted || fort ? targets : labels;
  switch (spec.method) {
    case AttackMethod::kFgsm: {
      AttackSpec one = spec;
      one.steps = 1;
      one.restarts = 1;
      one.random_start = false;
      one.step_size = spec.epsilon;
      // Judge the stepped image, not the clean one.
      one.early_stop = false;
      return Pgd(one, logits, images, goal);
    }
    case AttackMethod::kPgd:
      return Pgd(spec, logits, images, goal);
    case AttackMethod::kApgd:
    case AttackMethod::kApgdDlr:
      return Apgd(spec, logits, images, goal);
    case AttackMethod::kApgdT:
      return ApgdTargeted(spec, logits, images, labels);
    case AttackMethod::kSquare:
      return Square(spec, logits, images, labels);
    case AttackMethod::kFab:
    case AttackMethod::kFabT:
      return Fab(spec, logits, images, labels);
    case AttackMethod::kEnsemble:
      return Ensemble(spec, logits, images, labels);
    case AttackMethod::kFort:
      return FortDescent(spec, logits, images, targets);
  }
  throw std::invalid_argument("unknown attack method");
}

}  // namespace advlab::adversarial
