// FGSM and PGD with torchattacks' semantics, plus per-image early stop and
// restarts that keep each image's worst case.
#include <ATen/CPUGeneratorImpl.h>

#include "adversarial/attack_math.h"
#include "adversarial/attacks.h"
#include "report/error.h"

namespace advlab::adversarial {
namespace {

torch::Tensor RandomStart(const AttackSpec& spec, const torch::Tensor& x,
                          at::Generator& generator) {
  if (spec.norm == "l2") {
    // torchattacks PGDL2: a Gaussian direction scaled to radius r * epsilon, r ~ U(0, 1).
    torch::Tensor direction = GaussianNoise(x, generator);
    torch::Tensor length = direction.flatten(1).norm(2, 1).view({-1, 1, 1, 1});
    torch::Tensor radius =
        torch::rand({x.size(0)}, generator, torch::kFloat).to(x.device()).view({-1, 1, 1, 1});
    return (x + direction / (length + 1e-12) * radius * spec.epsilon).clamp(0.0, 1.0);
  }
  return (x + (2 * UniformNoise(x, generator) - 1) * spec.epsilon).clamp(0.0, 1.0);
}

}  // namespace

AttackResult Pgd(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                 const torch::Tensor& goal) {
  auto generator = at::make_generator<at::CPUGeneratorImpl>(spec.seed);
  AttackResult result = Unattacked(images);
  torch::Tensor best_loss = NoLossYet(images);

  for (int restart = 0; restart < spec.restarts; ++restart) {
    // Only images not yet fooled are attacked again (AutoAttack's convention).
    torch::Tensor todo = (~result.success).nonzero().squeeze(1);
    if (todo.numel() == 0) break;
    const torch::Tensor origin = images.index_select(0, todo);
    const torch::Tensor aim = goal.index_select(0, todo);
    torch::Tensor adversarial =
        spec.random_start ? RandomStart(spec, origin, generator) : origin.clone();
    torch::Tensor active =
        torch::arange(todo.numel(), torch::dtype(torch::kLong).device(images.device()));

    for (int step = 0; step < spec.steps && active.numel() > 0; ++step) {
      torch::Tensor x = adversarial.index_select(0, active).requires_grad_(true);
      torch::Tensor out = logits(x);
      torch::Tensor gradient = torch::autograd::grad(
          {AscentLoss(out, aim.index_select(0, active), spec.targeted).sum()}, {x})[0];
      result.gradient_steps.index_add_(0, todo.index_select(0, active), torch::ones_like(active));
      x = x.detach();
      if (spec.early_stop) {
        torch::Tensor hit = Fooled(out.detach(), aim.index_select(0, active), spec.targeted);
        if (hit.any().item<bool>()) {
          torch::Tensor where = todo.index_select(0, active.masked_select(hit));
          result.adversarial.index_copy_(0, where, x.index_select(0, hit.nonzero().squeeze(1)));
          result.success.index_fill_(0, where, true);
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
    if (active.numel() == 0) continue;

    // The final iterate of the images still unfooled: fooled, or kept if it
    // is this image's highest loss so far.
    torch::NoGradGuard no_grad;
    torch::Tensor x = adversarial.index_select(0, active);
    torch::Tensor out = logits(x);
    torch::Tensor aim_active = aim.index_select(0, active);
    torch::Tensor where = todo.index_select(0, active);
    torch::Tensor fooled = Fooled(out, aim_active, spec.targeted);
    torch::Tensor loss = AscentLoss(out, aim_active, spec.targeted).to(torch::kFloat);
    torch::Tensor better = fooled | loss.gt(best_loss.index_select(0, where));
    torch::Tensor chosen = better.nonzero().squeeze(1);
    torch::Tensor chosen_where = where.index_select(0, chosen);
    result.adversarial.index_copy_(0, chosen_where, x.index_select(0, chosen));
    best_loss.index_copy_(0, chosen_where, loss.index_select(0, chosen));
    result.success.index_copy_(0, where, result.success.index_select(0, where) | fooled);
  }
  return result;
}

AttackResult RunAttack(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                       const torch::Tensor& labels, const torch::Tensor& targets) {
  if ((spec.targeted || spec.method == "fort") && !targets.defined()) {
    throw std::invalid_argument(spec.Name() + ": a targeted attack needs targets");
  }
  const torch::Tensor& goal = spec.targeted || spec.method == "fort" ? targets : labels;
  if (spec.method == "fgsm") {
    AttackSpec one = spec;
    one.steps = 1;
    one.restarts = 1;
    one.random_start = false;
    one.step_size = spec.epsilon;
    // Judge the stepped image, not the clean one.
    one.early_stop = false;
    return Pgd(one, logits, images, goal);
  }
  if (spec.method == "pgd") return Pgd(spec, logits, images, goal);
  if (spec.method == "apgd") return Apgd(spec, logits, images, goal);
  if (spec.method == "fort") return FortDescent(spec, logits, images, targets);
  throw std::invalid_argument("unknown attack method " + spec.method);
}

}  // namespace advlab::adversarial
