// APGD (Croce & Hein 2020), following fra31/auto-attack autopgd_base.py:
// start on the epsilon sphere, step 2 epsilon, momentum 0.75, step halving at
// shrinking checkpoints when the loss oscillates or stalls (restarting such
// images from their best iterate), and a fooling iterate kept for every image
// fooled at any step. Losses: cross-entropy (APGD-CE), DLR (APGD-DLR) and
// targeted DLR against the next-best clean classes (APGD-T).
#include <ATen/CPUGeneratorImpl.h>

#include "adversarial/attack_math.h"
#include "adversarial/attacks.h"

namespace advlab::adversarial {
namespace {

torch::Tensor Rows(const torch::Tensor& mask) { return mask.view({-1, 1, 1, 1}); }

struct Run {
  torch::Tensor best_adversarial;  // a fooling iterate, or the start
  torch::Tensor fooled;
  torch::Tensor x_best, loss_best;  // the highest-loss iterate
  int64_t zero_gradient = 0;        // images whose first gradient was exactly zero
};

// What one run ascends and what counts as success, per image, from logits.
struct Objective {
  std::function<torch::Tensor(const torch::Tensor&)> loss, fooled;
};

Run ApgdRun(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& x,
            const Objective& objective, at::Generator& generator) {
  const int64_t n = x.size(0);
  const double epsilon = spec.epsilon;
  // Start: x + epsilon t / ||t|| (uniform t for linf, Gaussian for l2).
  torch::Tensor t =
      spec.norm == Norm::kL2 ? GaussianNoise(x, generator) : 2 * UniformNoise(x, generator) - 1;
  torch::Tensor t_norm = PerturbationNorm(t, spec.norm).view({-1, 1, 1, 1});
  torch::Tensor x_adv = (x + epsilon * t / (t_norm + 1e-12)).clamp(0.0, 1.0);

  // With spec.eot > 1 (a randomised model) the gradient is the mean over
  // that many passes and the loss and success those of the last, as the
  // reference does.
  auto evaluate = [&](const torch::Tensor& point, torch::Tensor* loss, torch::Tensor* fooled) {
    torch::Tensor gradient;
    for (int pass = 0; pass < spec.eot; ++pass) {
      torch::Tensor input = point.detach().requires_grad_(true);
      torch::Tensor out = logits(input);
      torch::Tensor per_image = objective.loss(out);
      torch::Tensor g = torch::autograd::grad({per_image.sum()}, {input})[0];
      gradient = pass == 0 ? g : gradient + g;
      *loss = per_image.detach();
      *fooled = objective.fooled(out.detach());
    }
    return spec.eot > 1 ? gradient / spec.eot : gradient;
  };

  torch::Tensor loss, fooled;
  torch::Tensor gradient = evaluate(x_adv, &loss, &fooled);
  Run run{x_adv.clone(), fooled.clone(), x_adv.clone(), loss.clone()};
  // AutoAttack's check: a zero gradient at the random start is a sign of
  // gradient masking (a step function, quantised inputs).
  run.zero_gradient = gradient.abs().flatten(1).sum(1).eq(0).sum().item<int64_t>();
  torch::Tensor grad_best = gradient.clone();
  torch::Tensor step_size = torch::full({n, 1, 1, 1}, 2 * epsilon, x.options());
  torch::Tensor x_old = x_adv.clone();

  std::vector<int> checkpoints = ApgdCheckpoints(spec.steps);
  size_t next_checkpoint = 1;
  std::vector<torch::Tensor> loss_steps;  // loss after each step
  torch::Tensor loss_best_last_check = run.loss_best.clone();
  torch::Tensor reduced_last_check =
      torch::ones({n}, torch::dtype(torch::kBool).device(x.device()));

  for (int i = 0; i < spec.steps; ++i) {
    torch::NoGradGuard no_grad;
    torch::Tensor momentum_term = x_adv - x_old;
    x_old = x_adv;
    const double a = i > 0 ? 0.75 : 1.0;
    torch::Tensor z =
        Project(x_adv + step_size * SteepestDirection(gradient, spec.norm), x, epsilon, spec.norm);
    x_adv = Project(x_adv + a * (z - x_adv) + (1 - a) * momentum_term, x, epsilon, spec.norm);
    {
      torch::AutoGradMode enable(true);
      gradient = evaluate(x_adv, &loss, &fooled);
    }
    run.best_adversarial = torch::where(Rows(fooled), x_adv, run.best_adversarial);
    run.fooled |= fooled;
    loss_steps.push_back(loss);
    torch::Tensor improved = loss.gt(run.loss_best);
    run.x_best = torch::where(Rows(improved), x_adv, run.x_best);
    grad_best = torch::where(Rows(improved), gradient, grad_best);
    run.loss_best = torch::where(improved, loss, run.loss_best);

    if (next_checkpoint < checkpoints.size() && i + 1 == checkpoints[next_checkpoint]) {
      // (a) the loss rose in at most 75% of the steps since the last checkpoint
      const int k = checkpoints[next_checkpoint] - checkpoints[next_checkpoint - 1];
      torch::Tensor increases = torch::zeros({n}, loss.options());
      for (int j = i; j > i - k; --j) {
        // Before the first step the reference compares with a zeroed entry.
        torch::Tensor previous = j > 0 ? loss_steps[j - 1] : torch::zeros_like(loss);
        increases += loss_steps[j].gt(previous).to(loss.dtype());
      }
      torch::Tensor oscillating = increases.le(0.75 * k);
      // (b) no improvement since the last checkpoint, which did not halve
      torch::Tensor stalled = ~reduced_last_check & loss_best_last_check.ge(run.loss_best);
      torch::Tensor halve = oscillating | stalled;
      reduced_last_check = halve.clone();
      loss_best_last_check = run.loss_best.clone();
      step_size = torch::where(Rows(halve), step_size / 2, step_size);
      x_adv = torch::where(Rows(halve), run.x_best, x_adv);
      gradient = torch::where(Rows(halve), grad_best, gradient);
      ++next_checkpoint;
    }
  }
  return run;
}

}  // namespace

std::vector<int> ApgdCheckpoints(int steps) {
  const int first = std::max(static_cast<int>(0.22 * steps), 1);
  const int shrink = std::max(static_cast<int>(0.03 * steps), 1);
  const int shortest = std::max(static_cast<int>(0.06 * steps), 1);
  std::vector<int> checkpoints = {0};
  for (int period = first; checkpoints.back() + period <= steps;
       period = std::max(period - shrink, shortest)) {
    checkpoints.push_back(checkpoints.back() + period);
  }
  return checkpoints;
}

namespace {

// APGD-CE or APGD-DLR on every image given.
AttackResult ApgdOnAll(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                       const torch::Tensor& goal) {
  const bool dlr = spec.method == AttackMethod::kApgdDlr;
  int64_t zero_gradient = 0;
  AttackResult result = WithRestarts(
      spec, images, goal,
      [&](const torch::Tensor& origin, const torch::Tensor& aim, at::Generator& generator) {
        Objective objective;
        if (dlr) {
          objective.loss = [&](const torch::Tensor& out) { return DlrLoss(out, aim); };
          objective.fooled = [&](const torch::Tensor& out) { return Fooled(out, aim, false); };
        } else {
          objective.loss = [&](const torch::Tensor& out) {
            return AscentLoss(out, aim, spec.targeted);
          };
          objective.fooled = [&](const torch::Tensor& out) {
            return Fooled(out, aim, spec.targeted);
          };
        }
        Run run = ApgdRun(spec, logits, origin, objective, generator);
        zero_gradient += run.zero_gradient;
        // Fooled images keep their fooling iterate; the others their highest loss.
        return RunOutcome{torch::where(Rows(run.fooled), run.best_adversarial, run.x_best),
                          run.fooled, run.loss_best,
                          torch::full({origin.size(0)}, (spec.steps + 1) * spec.eot,
                                      torch::dtype(torch::kLong).device(origin.device()))};
      });
  if (dlr) result.zero_gradient_images = zero_gradient;
  return result;
}

}  // namespace

AttackResult Apgd(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                  const torch::Tensor& goal) {
  if (spec.method != AttackMethod::kApgdDlr) return ApgdOnAll(spec, logits, images, goal);
  // As AutoAttack, only what is classified correctly: on a misclassified
  // image the DLR loss can be flat (a zero gradient that is not masking).
  return OnCorrectlyClassified(logits, images, goal,
                               [&](const torch::Tensor& x, const torch::Tensor& y) {
                                 return ApgdOnAll(spec, logits, x, y);
                               });
}

namespace {

AttackResult ApgdTargetedOnAll(const AttackSpec& spec, const LogitsFn& logits,
                               const torch::Tensor& images, const torch::Tensor& labels) {
  AttackResult result = Unattacked(images);
  torch::Tensor ranked;  // classes by clean logit, best first
  {
    torch::NoGradGuard no_grad;
    ranked = logits(images).argsort(1, /*descending=*/true);
  }
  const int64_t classes = ranked.size(1);
  auto generator = at::make_generator<at::CPUGeneratorImpl>(spec.seed);
  // Targets: the classes ranked 2nd, 3rd, ... on the clean image (the 1st is
  // the prediction, the label for the images still robust).
  for (int64_t rank = 1; rank <= std::min<int64_t>(spec.targets, classes - 1); ++rank) {
    for (int restart = 0; restart < spec.restarts; ++restart) {
      // Each run attacks the clean images of those still correctly classified.
      torch::Tensor todo = (~result.success).nonzero().squeeze(1);
      if (todo.numel() == 0) return result;
      const torch::Tensor origin = images.index_select(0, todo);
      const torch::Tensor y = labels.index_select(0, todo);
      const torch::Tensor t = ranked.index_select(0, todo).select(1, rank);
      Objective objective{
          [&](const torch::Tensor& out) { return TargetedDlrLoss(out, y, t); },
          [&](const torch::Tensor& out) { return Fooled(out, y, /*targeted=*/false); }};
      Run run = ApgdRun(spec, logits, origin, objective, generator);
      result.zero_gradient_images += run.zero_gradient;
      result.gradient_steps.index_add_(
          0, todo, torch::full({todo.size(0)}, (spec.steps + 1) * spec.eot,
                                 result.gradient_steps.options()));
      const torch::Tensor hit = run.fooled.nonzero().squeeze(1);
      result.adversarial.index_copy_(0, todo.index_select(0, hit),
                                     run.best_adversarial.index_select(0, hit));
      result.success.index_fill_(0, todo.index_select(0, hit), true);
    }
  }
  return result;
}

}  // namespace

AttackResult ApgdTargeted(const AttackSpec& spec, const LogitsFn& logits,
                          const torch::Tensor& images, const torch::Tensor& labels) {
  // Only what is classified correctly, as AutoAttack: on a misclassified
  // image the first target can be the label itself.
  return OnCorrectlyClassified(logits, images, labels,
                               [&](const torch::Tensor& x, const torch::Tensor& y) {
                                 return ApgdTargetedOnAll(spec, logits, x, y);
                               });
}

}  // namespace advlab::adversarial
