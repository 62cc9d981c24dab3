#include "adversarial/relabeling.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

namespace advlab::adversarial {
namespace {

double MeanOr(const torch::Tensor& values, double empty) {
  return values.numel() == 0 ? empty : values.to(torch::kDouble).mean().item<double>();
}

torch::Tensor TargetProbability(const torch::Tensor& probabilities, const torch::Tensor& targets) {
  return probabilities.gather(1, targets.unsqueeze(1)).squeeze(1);
}

}  // namespace

TransferResult SummariseTransfer(const std::string& label_set, bool trained,
                                 const torch::Tensor& clean, const torch::Tensor& adversarial,
                                 const torch::Tensor& noise, const torch::Tensor& labels,
                                 const torch::Tensor& targets, const torch::Tensor& success) {
  TransferResult result;
  TransferSummary& s = result.summary;
  s.label_set = label_set;
  s.trained = trained;
  s.attacked = labels.size(0);
  s.clean_accuracy = MeanOr(clean.argmax(1).eq(labels), NAN);
  torch::Tensor ok = success.nonzero().squeeze(1);
  s.successful = ok.numel();
  torch::Tensor t = targets.index_select(0, ok);
  torch::Tensor y = labels.index_select(0, ok);
  auto rate = [&](const torch::Tensor& p, const torch::Tensor& goal) {
    return MeanOr(p.index_select(0, ok).argmax(1).eq(goal), NAN);
  };
  auto probability = [&](const torch::Tensor& p) {
    return MeanOr(TargetProbability(p.index_select(0, ok), t), NAN);
  };
  s.transfer_rate = rate(adversarial, t);
  s.target_probability = probability(adversarial);
  s.still_true_rate = rate(adversarial, y);
  s.noise_transfer_rate = rate(noise, t);
  s.noise_target_probability = probability(noise);
  s.clean_transfer_rate = rate(clean, t);
  s.clean_target_probability = probability(clean);

  const int64_t classes = clean.size(1);
  torch::Tensor hits = adversarial.index_select(0, ok).argmax(1).eq(t);
  torch::Tensor p_target = TargetProbability(adversarial.index_select(0, ok), t);
  for (int64_t from = 0; from < classes; ++from) {
    for (int64_t to = 0; to < classes; ++to) {
      torch::Tensor in_pair = (y.eq(from) & t.eq(to)).nonzero().squeeze(1);
      if (in_pair.numel() == 0) continue;
      result.pairs.push_back({label_set, static_cast<int>(from), static_cast<int>(to),
                              in_pair.numel(), MeanOr(hits.index_select(0, in_pair), NAN),
                              MeanOr(p_target.index_select(0, in_pair), NAN)});
    }
  }
  return result;
}

torch::Tensor MatchedNoise(const torch::Tensor& clean, const torch::Tensor& adversarial, bool clamp,
                           uint64_t seed) {
  auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  torch::Tensor direction =
      torch::randn(clean.sizes(), generator, torch::kFloat).to(clean.device());
  torch::Tensor length = (adversarial - clean).flatten(1).norm(2, 1).view({-1, 1, 1, 1});
  torch::Tensor unit = direction / direction.flatten(1).norm(2, 1).view({-1, 1, 1, 1});
  torch::Tensor noisy = clean + unit * length;
  return clamp ? noisy.clamp(0.0, 1.0) : noisy;
}

torch::Tensor RandomTargets(const torch::Tensor& labels, int64_t classes, uint64_t seed) {
  auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  // label + U{1, ..., C-1} (mod C) is uniform over the other classes.
  torch::Tensor shift = torch::randint(1, classes, {labels.size(0)}, generator, torch::kLong);
  return (labels.cpu() + shift).remainder(classes).to(labels.device());
}

}  // namespace advlab::adversarial
