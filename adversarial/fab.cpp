// FAB, the fast adaptive boundary attack (Croce & Hein 2020), as AutoAttack
// runs it (fra31/auto-attack fab_base.py): a minimum-norm attack. Each
// iteration linearises the boundary between the true class and one other
// class at the current point, projects both the current point and the clean
// image onto that plane (inside the pixel box), and steps to a mix of the two
// projections, overshot a little. Once an iterate is misclassified it is kept
// if it is the closest so far, and the search steps back towards the clean
// image to look for a closer one. An image counts as fooled only when its
// closest adversary lies within epsilon.
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include <algorithm>

#include "adversarial/attack_math.h"
#include "adversarial/attacks.h"
#include "adversarial/boundary_projection.h"

namespace advlab::adversarial {
namespace {

torch::Tensor Rows(const torch::Tensor& values) { return values.view({-1, 1, 1, 1}); }

// The linearised boundary w . u = b at x for every image.
struct Boundary {
  torch::Tensor w;  // [m, pixels], float, CPU
  torch::Tensor b;  // [m], double, CPU
};

Boundary Plane(const torch::Tensor& x, const torch::Tensor& f, const torch::Tensor& gradient) {
  torch::Tensor w = gradient.flatten(1).to(torch::kCPU, torch::kFloat).contiguous();
  torch::Tensor at = x.flatten(1).to(torch::kCPU, torch::kDouble);
  // f + w . (u - x) = 0  <=>  w . u = w . x - f
  return {w, (w.to(torch::kDouble) * at).sum(1) - f.detach().to(torch::kCPU, torch::kDouble)};
}

// FAB-T: the boundary between the label y and the target t, f = z_t - z_y.
Boundary TargetBoundary(const LogitsFn& logits, const torch::Tensor& x, const torch::Tensor& y,
                        const torch::Tensor& t) {
  torch::Tensor input = x.detach().requires_grad_(true);
  torch::Tensor out = logits(input);
  torch::Tensor f =
      out.gather(1, t.view({-1, 1})).squeeze(1) - out.gather(1, y.view({-1, 1})).squeeze(1);
  torch::Tensor gradient = torch::autograd::grad({f.sum()}, {input})[0];
  return Plane(x, f, gradient);
}

// FAB: of the boundaries between y and every other class j (f_j = z_j -
// z_y, one backward pass per class), the one nearest in the linear model,
// |f_j| / ||grad f_j||_q with q the dual norm (L1 for L-inf, L2 for L2).
// Only the nearest so far is kept, so memory does not grow with the classes.
Boundary NearestBoundary(const LogitsFn& logits, const torch::Tensor& x, const torch::Tensor& y,
                         Norm norm) {
  torch::Tensor input = x.detach().requires_grad_(true);
  torch::Tensor out = logits(input);
  const int64_t classes = out.size(1);
  const torch::Tensor label_grad =
      torch::autograd::grad({out.gather(1, y.view({-1, 1})).sum()}, {input}, {},
                            /*retain_graph=*/true)[0];
  const torch::Tensor df_all = (out - out.gather(1, y.view({-1, 1}))).detach();
  torch::Tensor best_distance = torch::full({x.size(0)}, INFINITY, x.options());
  torch::Tensor best_f = torch::zeros({x.size(0)}, x.options());
  torch::Tensor best_grad = torch::zeros_like(x);
  for (int64_t j = 0; j < classes; ++j) {
    const torch::Tensor dg = torch::autograd::grad({out.select(1, j).sum()}, {input}, {},
                                                   /*retain_graph=*/j + 1 < classes)[0] -
                             label_grad;
    const torch::Tensor flat = dg.flatten(1);
    const torch::Tensor dual = norm == Norm::kL2 ? flat.norm(2, 1) : flat.abs().sum(1);
    const torch::Tensor df = df_all.select(1, j);
    // Never the label's own "boundary".
    const torch::Tensor distance = (df.abs() / (dual + 1e-12)).masked_fill(y.eq(j), INFINITY);
    const torch::Tensor nearer = distance.lt(best_distance);
    best_distance = torch::where(nearer, distance, best_distance);
    best_f = torch::where(nearer, df, best_f);
    best_grad = torch::where(Rows(nearer), dg, best_grad);
  }
  return Plane(x, best_f, best_grad);
}

// The points' projections onto their image's plane, on the points' device;
// images in parallel when LibTorch has more than one thread.
torch::Tensor ProjectRows(Norm norm, const torch::Tensor& points, const Boundary& plane) {
  torch::Tensor flat = points.flatten(1).to(torch::kCPU, torch::kFloat).contiguous();
  torch::Tensor offsets = torch::empty_like(flat);
  const int64_t n = flat.size(1);
  const float* t = flat.data_ptr<float>();
  const float* w = plane.w.data_ptr<float>();
  const double* b = plane.b.data_ptr<double>();
  float* d = offsets.data_ptr<float>();
  at::parallel_for(0, flat.size(0), 1, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      std::vector<float> row = ProjectOntoBoundary(norm, t + i * n, w + i * n, b[i], n);
      std::copy(row.begin(), row.end(), d + i * n);
    }
  });
  return offsets.view(points.sizes()).to(points.device(), points.scalar_type());
}

struct FabRun {
  torch::Tensor adversarial;  // the closest adversary found (the clean image if none)
  torch::Tensor distance;     // its distance, infinite if none
};

// One run on clean images x0 with labels y, towards targets t (FAB-T) or the
// nearest boundary (t undefined).
FabRun FabSingleRun(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& x0,
                    const torch::Tensor& y, const torch::Tensor& t, bool random_start,
                    at::Generator& generator) {
  torch::Tensor x = x0.clone();
  if (random_start) {
    // Restarts begin at distance epsilon / 2 from the clean image.
    torch::Tensor r =
        spec.norm == Norm::kL2 ? GaussianNoise(x0, generator) : 2 * UniformNoise(x0, generator) - 1;
    x = (x0 + 0.5 * spec.epsilon * r / Rows(PerturbationNorm(r, spec.norm))).clamp(0.0, 1.0);
  }
  FabRun run{x0.clone(), torch::full({x0.size(0)}, INFINITY, x0.options())};
  for (int i = 0; i < spec.steps; ++i) {
    Boundary plane;
    {
      torch::AutoGradMode enable(true);
      plane =
          t.defined() ? TargetBoundary(logits, x, y, t) : NearestBoundary(logits, x, y, spec.norm);
    }
    torch::NoGradGuard no_grad;
    const torch::Tensor d_current = ProjectRows(spec.norm, x, plane);
    const torch::Tensor d_clean = ProjectRows(spec.norm, x0, plane);
    const torch::Tensor a_current = PerturbationNorm(d_current, spec.norm).clamp_min(1e-8);
    const torch::Tensor a_clean = PerturbationNorm(d_clean, spec.norm).clamp_min(1e-8);
    // Pull towards the clean image's projection in proportion to how far the
    // current point is from the plane, at most alpha_max.
    const torch::Tensor alpha =
        Rows((a_current / (a_current + a_clean)).clamp(0.0, spec.alpha_max));
    x = ((x + spec.overshoot * d_current) * (1 - alpha) + (x0 + spec.overshoot * d_clean) * alpha)
            .clamp(0.0, 1.0);
    const torch::Tensor fooled = logits(x).argmax(1).ne(y);
    const torch::Tensor distance = PerturbationNorm(x - x0, spec.norm);
    const torch::Tensor closer = fooled & distance.lt(run.distance);
    run.adversarial = torch::where(Rows(closer), x, run.adversarial);
    run.distance = torch::where(closer, distance, run.distance);
    x = torch::where(Rows(fooled), x0 + spec.step_back * (x - x0), x);
  }
  return run;
}

}  // namespace

AttackResult Fab(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                 const torch::Tensor& labels) {
  AttackResult result = Unattacked(images);
  torch::Tensor clean;
  {
    torch::NoGradGuard no_grad;
    clean = logits(images);
  }
  const torch::Tensor ranked = clean.argsort(1, /*descending=*/true);
  // Only the images classified correctly when clean are attacked.
  torch::Tensor robust = ranked.select(1, 0).eq(labels);
  const bool targeted = spec.method == AttackMethod::kFabT;
  const int64_t rounds = targeted ? std::min<int64_t>(spec.targets, clean.size(1) - 1) : 1;
  // Backward passes per iteration: one for FAB-T, one per class for FAB.
  const int64_t passes = targeted ? 1 : clean.size(1);
  auto generator = at::make_generator<at::CPUGeneratorImpl>(spec.seed);
  // FAB-T's targets: the classes ranked 2nd, 3rd, ... on the clean image.
  for (int64_t rank = 1; rank <= rounds; ++rank) {
    for (int restart = 0; restart < spec.restarts; ++restart) {
      const torch::Tensor todo = robust.nonzero().squeeze(1);
      if (todo.numel() == 0) return result;
      const torch::Tensor x0 = images.index_select(0, todo), y = labels.index_select(0, todo);
      const torch::Tensor t =
          targeted ? ranked.index_select(0, todo).select(1, rank) : torch::Tensor();
      FabRun run = FabSingleRun(spec, logits, x0, y, t, restart > 0, generator);
      result.gradient_steps.index_add_(
          0, todo,
          torch::full({todo.size(0)}, spec.steps * passes, result.gradient_steps.options()));
      // A success needs a misclassified point within the budget.
      const torch::Tensor hit = run.distance.le(spec.epsilon).nonzero().squeeze(1);
      const torch::Tensor where = todo.index_select(0, hit);
      result.adversarial.index_copy_(0, where, run.adversarial.index_select(0, hit));
      result.success.index_fill_(0, where, true);
      robust.index_fill_(0, where, false);
    }
  }
  return result;
}

}  // namespace advlab::adversarial
