#include "adversarial/attack_math.h"

#include <ATen/CPUGeneratorImpl.h>

namespace advlab::adversarial {
namespace {

torch::Tensor PerImage(const torch::Tensor& values, const torch::Tensor& like) {
  std::vector<int64_t> shape(like.dim(), 1);
  shape[0] = -1;
  return values.view(shape);
}

}  // namespace

torch::Tensor AscentLoss(const torch::Tensor& logits, const torch::Tensor& goal, bool targeted) {
  torch::Tensor ce = torch::nn::functional::cross_entropy(
      logits, goal, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
  return targeted ? -ce : ce;
}

namespace {

// The largest logit other than the label's.
torch::Tensor BestOther(const torch::Tensor& logits, const torch::Tensor& labels) {
  torch::Tensor masked = logits.clone();
  masked.scatter_(1, labels.view({-1, 1}), -INFINITY);
  return std::get<0>(masked.max(1));
}

torch::Tensor LabelLogit(const torch::Tensor& logits, const torch::Tensor& labels) {
  return logits.gather(1, labels.view({-1, 1})).squeeze(1);
}

}  // namespace

torch::Tensor Margin(const torch::Tensor& logits, const torch::Tensor& labels) {
  return LabelLogit(logits, labels) - BestOther(logits, labels);
}

torch::Tensor DlrLoss(const torch::Tensor& logits, const torch::Tensor& labels) {
  torch::Tensor sorted = std::get<0>(logits.sort(1, /*descending=*/true));
  return -Margin(logits, labels) / (sorted.select(1, 0) - sorted.select(1, 2) + 1e-12);
}

torch::Tensor TargetedDlrLoss(const torch::Tensor& logits, const torch::Tensor& labels,
                              const torch::Tensor& targets) {
  torch::Tensor sorted = std::get<0>(logits.sort(1, /*descending=*/true));
  torch::Tensor scale =
      sorted.select(1, 0) - (sorted.select(1, 2) + sorted.select(1, 3)) / 2 + 1e-12;
  return -(LabelLogit(logits, labels) - LabelLogit(logits, targets)) / scale;
}

torch::Tensor Fooled(const torch::Tensor& logits, const torch::Tensor& goal, bool targeted) {
  torch::Tensor predicted = logits.argmax(1);
  return targeted ? predicted.eq(goal) : predicted.ne(goal);
}

torch::Tensor PerturbationNorm(const torch::Tensor& delta, Norm norm) {
  torch::Tensor flat = delta.flatten(1);
  return norm == Norm::kL2 ? flat.norm(2, 1) : flat.abs().amax(1);
}

torch::Tensor SteepestDirection(const torch::Tensor& gradient, Norm norm) {
  if (norm == Norm::kL2)
    return gradient / (PerImage(PerturbationNorm(gradient, Norm::kL2), gradient) + 1e-12);
  return gradient.sign();
}

torch::Tensor Project(const torch::Tensor& x, const torch::Tensor& origin, double epsilon,
                      Norm norm) {
  torch::Tensor delta = x - origin;
  if (norm == Norm::kL2) {
    torch::Tensor length = PerImage(PerturbationNorm(delta, Norm::kL2), delta);
    delta = delta * (epsilon / (length + 1e-12)).clamp_max(1.0);
  } else {
    delta = delta.clamp(-epsilon, epsilon);
  }
  return (origin + delta).clamp(0.0, 1.0);
}

AttackResult Unattacked(const torch::Tensor& images) {
  const int64_t n = images.size(0);
  const auto device = images.device();
  AttackResult result;
  result.adversarial = images.clone();
  result.success = torch::zeros({n}, torch::dtype(torch::kBool).device(device));
  result.gradient_steps = torch::zeros({n}, torch::dtype(torch::kLong).device(device));
  return result;
}

AttackResult WithRestarts(const AttackSpec& spec, const torch::Tensor& images,
                          const torch::Tensor& goal, const SingleRun& run) {
  auto generator = at::make_generator<at::CPUGeneratorImpl>(spec.seed);
  AttackResult result = Unattacked(images);
  torch::Tensor best_loss =
      torch::full({images.size(0)}, -INFINITY, torch::dtype(torch::kFloat).device(images.device()));
  for (int restart = 0; restart < spec.restarts; ++restart) {
    torch::Tensor todo = (~result.success).nonzero().squeeze(1);
    if (todo.numel() == 0) break;
    RunOutcome out = run(images.index_select(0, todo), goal.index_select(0, todo), generator);
    result.gradient_steps.index_add_(0, todo, out.steps);
    torch::Tensor loss = out.loss.to(torch::kFloat);
    torch::Tensor chosen =
        (out.fooled | loss.gt(best_loss.index_select(0, todo))).nonzero().squeeze(1);
    torch::Tensor where = todo.index_select(0, chosen);
    result.adversarial.index_copy_(0, where, out.points.index_select(0, chosen));
    best_loss.index_copy_(0, where, loss.index_select(0, chosen));
    result.success.index_copy_(0, todo, out.fooled);
  }
  return result;
}

AttackResult OnCorrectlyClassified(
    const LogitsFn& logits, const torch::Tensor& images, const torch::Tensor& labels,
    const std::function<AttackResult(const torch::Tensor&, const torch::Tensor&)>& attack) {
  torch::Tensor correct;
  {
    torch::NoGradGuard no_grad;
    correct = logits(images).argmax(1).eq(labels).nonzero().squeeze(1);
  }
  if (correct.numel() == images.size(0)) return attack(images, labels);
  AttackResult result = Unattacked(images);
  if (correct.numel() == 0) return result;
  AttackResult part = attack(images.index_select(0, correct), labels.index_select(0, correct));
  result.adversarial.index_copy_(0, correct, part.adversarial);
  result.success.index_copy_(0, correct, part.success);
  result.gradient_steps.index_copy_(0, correct, part.gradient_steps);
  result.zero_gradient_images = part.zero_gradient_images;
  result.stages = part.stages;
  return result;
}

torch::Tensor UniformNoise(const torch::Tensor& like, at::Generator& generator) {
  return torch::rand(like.sizes(), generator, torch::kFloat).to(like.device());
}

torch::Tensor GaussianNoise(const torch::Tensor& like, at::Generator& generator) {
  return torch::randn(like.sizes(), generator, torch::kFloat).to(like.device());
}

}  // namespace advlab::adversarial
