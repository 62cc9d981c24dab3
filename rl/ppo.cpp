#include "rl/ppo.h"

#include "core/check.h"
#include "rl/categorical.h"

namespace advlab::rl {

PpoStats PpoUpdate(const std::vector<torch::Tensor>& parameters, torch::optim::Optimizer& optimizer,
                   const PpoBatch& batch, const PolicyEvaluator& evaluate,
                   const PpoSettings& settings, const at::Generator& shuffle) {
  const int64_t worlds = batch.actions.size(1);
  // Minibatches split the worlds evenly: a remainder would be dropped from
  // every epoch, and more minibatches than worlds would average empty slices.
  ADVLAB_CHECK_GE(settings.minibatches, 1);
  ADVLAB_CHECK_EQ(worlds % settings.minibatches, 0);
  const int64_t per_minibatch = worlds / settings.minibatches;
  const torch::Device device = parameters.front().device();
  torch::Tensor advantages =
      (batch.advantages - batch.advantages.mean()) / (batch.advantages.std() + 1e-5);
  PpoStats stats;
  int updates = 0;
  for (int epoch = 0; epoch < settings.epochs; ++epoch) {
    torch::Tensor order = torch::randperm(worlds, shuffle, torch::kLong);
    for (int m = 0; m < settings.minibatches; ++m) {
      torch::Tensor rows = order.slice(0, m * per_minibatch, (m + 1) * per_minibatch);
      // Batches live on the CPU (the worlds write there); the policy may not.
      auto pick = [&](const torch::Tensor& t) { return t.index_select(1, rows).to(device); };
      auto [logits, values] = evaluate(rows);
      torch::Tensor actions = pick(batch.actions);
      torch::Tensor new_log_probs =
          LogProbabilities(logits.flatten(0, 1), actions.flatten()).view_as(actions);
      torch::Tensor log_ratio = new_log_probs - pick(batch.log_probs);
      torch::Tensor ratio = log_ratio.exp();
      torch::Tensor adv = pick(advantages);

      torch::Tensor policy_loss =
          torch::max(-adv * ratio, -adv * torch::clamp(ratio, 1 - settings.clip, 1 + settings.clip))
              .mean();
      torch::Tensor returns = pick(batch.returns);
      torch::Tensor old_values = pick(batch.values);
      torch::Tensor value_loss;
      if (settings.clip_value) {
        torch::Tensor clipped =
            old_values + torch::clamp(values - old_values, -settings.clip, settings.clip);
        value_loss = 0.5 * torch::max((values - returns).pow(2), (clipped - returns).pow(2)).mean();
      } else {
        value_loss = 0.5 * (values - returns).pow(2).mean();
      }
      torch::Tensor entropy = Entropy(logits).mean();
      torch::Tensor loss =
          policy_loss + settings.value_coef * value_loss - settings.entropy_coef * entropy;

      optimizer.zero_grad();
      loss.backward();
      torch::nn::utils::clip_grad_norm_(parameters, settings.max_grad_norm);
      optimizer.step();

      torch::NoGradGuard no_grad;
      stats.policy_loss += policy_loss.item<double>();
      stats.value_loss += value_loss.item<double>();
      stats.entropy += entropy.item<double>();
      stats.approx_kl += ((ratio - 1) - log_ratio).mean().item<double>();
      stats.clip_fraction +=
          ((ratio - 1).abs() > settings.clip).to(torch::kFloat).mean().item<double>();
      ++updates;
    }
  }
  stats.policy_loss /= updates;
  stats.value_loss /= updates;
  stats.entropy /= updates;
  stats.approx_kl /= updates;
  stats.clip_fraction /= updates;
  double variance = batch.returns.var().item<double>();
  stats.explained_variance =
      variance > 0 ? 1 - (batch.returns - batch.values).var().item<double>() / variance : 0;
  return stats;
}

}  // namespace advlab::rl
