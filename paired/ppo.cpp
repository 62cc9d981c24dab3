#include "paired/ppo.h"

#include "paired/categorical.h"

namespace advlab::paired {

PpoStats PpoUpdate(StudentNet& net, torch::optim::Optimizer& optimizer,
                   const RolloutStorage& storage, const PpoSettings& settings,
                   at::Generator shuffle) {
  const int64_t worlds = storage.worlds;
  // Storage lives on the CPU (the worlds write there); minibatches go to the network's device.
  const torch::Device device = net->parameters().front().device();
  const int64_t per_minibatch = worlds / settings.minibatches;
  torch::Tensor advantages =
      (storage.advantages - storage.advantages.mean()) / (storage.advantages.std() + 1e-5);
  PpoStats stats;
  int updates = 0;
  for (int epoch = 0; epoch < settings.epochs; ++epoch) {
    torch::Tensor order = torch::randperm(worlds, shuffle, torch::kLong);
    for (int m = 0; m < settings.minibatches; ++m) {
      torch::Tensor rows = order.slice(0, m * per_minibatch, (m + 1) * per_minibatch);
      auto pick = [&](const torch::Tensor& t) { return t.index_select(1, rows).to(device); };
      PolicyOutput out = net->Unroll(pick(storage.views), pick(storage.directions),
                                     storage.initial_state.Index(rows).To(device),
                                     pick(storage.starts));
      torch::Tensor actions = pick(storage.actions);
      torch::Tensor new_log_probs =
          LogProbabilities(out.logits.flatten(0, 1), actions.flatten()).view_as(actions);
      torch::Tensor log_ratio = new_log_probs - pick(storage.log_probs);
      torch::Tensor ratio = log_ratio.exp();
      torch::Tensor adv = pick(advantages);

      torch::Tensor surrogate = torch::max(-adv * ratio,
                                           -adv * torch::clamp(ratio, 1 - settings.clip, 1 + settings.clip));
      torch::Tensor policy_loss = surrogate.mean();

      torch::Tensor returns = pick(storage.returns);
      torch::Tensor old_values = pick(storage.values.slice(0, 0, storage.steps));
      torch::Tensor value_loss;
      if (settings.clip_value) {
        torch::Tensor clipped = old_values + torch::clamp(out.value - old_values, -settings.clip, settings.clip);
        value_loss = 0.5 * torch::max((out.value - returns).pow(2), (clipped - returns).pow(2)).mean();
      } else {
        value_loss = 0.5 * (out.value - returns).pow(2).mean();
      }
      torch::Tensor entropy = Entropy(out.logits).mean();
      torch::Tensor loss = policy_loss + settings.value_coef * value_loss - settings.entropy_coef * entropy;

      optimizer.zero_grad();
      loss.backward();
      torch::nn::utils::clip_grad_norm_(net->parameters(), settings.max_grad_norm);
      optimizer.step();

      torch::NoGradGuard no_grad;
      stats.policy_loss += policy_loss.item<double>();
      stats.value_loss += value_loss.item<double>();
      stats.entropy += entropy.item<double>();
      stats.approx_kl += ((ratio - 1) - log_ratio).mean().item<double>();
      stats.clip_fraction += ((ratio - 1).abs() > settings.clip).to(torch::kFloat).mean().item<double>();
      ++updates;
    }
  }
  stats.policy_loss /= updates;
  stats.value_loss /= updates;
  stats.entropy /= updates;
  stats.approx_kl /= updates;
  stats.clip_fraction /= updates;
  torch::Tensor predicted = storage.values.slice(0, 0, storage.steps);
  double variance = storage.returns.var().item<double>();
  stats.explained_variance =
      variance > 0 ? 1 - (storage.returns - predicted).var().item<double>() / variance : 0;
  return stats;
}

}  // namespace advlab::paired
