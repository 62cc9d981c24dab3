#include "rl/ppo.h"

#include <cmath>

#include "core/check.h"
#include "rl/categorical.h"

namespace advlab::rl {
namespace {

// Sums over ranks (identity for one process).
class RankSum {
 public:
  explicit RankSum(const DataParallel* parallel) : parallel_(parallel) {}
  bool alone() const { return !parallel_ || !parallel_->sum; }
  torch::Tensor operator()(torch::Tensor t) const {
    if (!alone()) parallel_->sum(t);
    return t;
  }
  // The mean and unbiased standard deviation of a tensor spread over ranks,
  // in two passes (double sums), as x.mean() and x.std() of the whole.
  std::pair<double, double> MeanStd(const torch::Tensor& x, double n) const {
    const double mean = (*this)(x.sum().to(torch::kDouble)).item<double>() / n;
    const double squares = (*this)((x.to(torch::kDouble) - mean).pow(2).sum()).item<double>();
    return {mean, std::sqrt(squares / (n - 1))};
  }

  // After backward: every rank's gradient summed, in one flat all-reduce. A
  // rank that held no row of the minibatch adds zeros.
  void Gradients(const std::vector<torch::Tensor>& parameters) const {
    if (alone()) return;
    std::vector<torch::Tensor> flat;
    flat.reserve(parameters.size());
    for (const torch::Tensor& p : parameters) {
      flat.push_back(p.grad().defined() ? p.grad().flatten()
                                        : torch::zeros({p.numel()}, p.options()));
    }
    torch::Tensor all = torch::cat(flat);
    parallel_->sum(all);
    int64_t at = 0;
    for (const torch::Tensor& p : parameters) {
      torch::Tensor part = all.slice(0, at, at + p.numel()).view_as(p);
      if (p.grad().defined()) {
        p.mutable_grad().copy_(part);
      } else {
        p.mutable_grad() = part.clone();
      }
      at += p.numel();
    }
  }

 private:
  const DataParallel* parallel_;
};

}  // namespace

PpoStats PpoUpdate(const std::vector<torch::Tensor>& parameters, torch::optim::Optimizer& optimizer,
                   const PpoBatch& batch, const PolicyEvaluator& evaluate,
                   const PpoSettings& settings, const at::Generator& shuffle,
                   const DataParallel* parallel) {
  const WorldShard shard = parallel ? parallel->shard : WorldShard::Whole(batch.actions.size(1));
  ADVLAB_CHECK_EQ(batch.actions.size(1), shard.count);
  const RankSum sum(parallel);
  const int64_t worlds = shard.total, steps = batch.actions.size(0);
  // Minibatches split the worlds evenly: a remainder would be dropped from
  // every epoch, and more minibatches than worlds would average empty slices.
  ADVLAB_CHECK_GE(settings.minibatches, 1);
  ADVLAB_CHECK_EQ(worlds % settings.minibatches, 0);
  const int64_t per_minibatch = worlds / settings.minibatches;
  // Every loss is a sum over this rank's rows divided by the minibatch's size
  // over all ranks (for one process: the mean, computed as ATen does).
  const double elements = static_cast<double>(steps * per_minibatch);
  const torch::Device device = parameters.front().device();
  torch::Tensor advantages;
  if (sum.alone()) {
    advantages = (batch.advantages - batch.advantages.mean()) / (batch.advantages.std() + 1e-5);
  } else {
    auto [mean, std] = sum.MeanStd(batch.advantages, static_cast<double>(steps * worlds));
    advantages = (batch.advantages - mean) / (std + 1e-5);
  }
  // Summed here, over ranks once at the end.
  torch::Tensor totals = torch::zeros({5}, torch::kDouble);
  int updates = 0;
  for (int epoch = 0; epoch < settings.epochs; ++epoch) {
    // The same permutation of all the worlds on every rank.
    torch::Tensor order = torch::randperm(worlds, shuffle, torch::kLong);
    for (int m = 0; m < settings.minibatches; ++m) {
      torch::Tensor rows = order.slice(0, m * per_minibatch, (m + 1) * per_minibatch);
      if (!shard.whole()) {
        rows = rows.masked_select((rows >= shard.begin) & (rows < shard.end())) - shard.begin;
      }
      optimizer.zero_grad();
      if (rows.numel() > 0) {
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
            torch::max(-adv * ratio,
                       -adv * torch::clamp(ratio, 1 - settings.clip, 1 + settings.clip))
                .sum() /
            elements;
        torch::Tensor returns = pick(batch.returns);
        torch::Tensor old_values = pick(batch.values);
        torch::Tensor value_loss;
        if (settings.clip_value) {
          torch::Tensor clipped =
              old_values + torch::clamp(values - old_values, -settings.clip, settings.clip);
          value_loss = 0.5 *
                       torch::max((values - returns).pow(2), (clipped - returns).pow(2)).sum() /
                       elements;
        } else {
          value_loss = 0.5 * (values - returns).pow(2).sum() / elements;
        }
        torch::Tensor entropy = Entropy(logits).sum() / elements;
        torch::Tensor loss =
            policy_loss + settings.value_coef * value_loss - settings.entropy_coef * entropy;
        loss.backward();

        torch::NoGradGuard no_grad;
        // Divided in float, as the means one process logged before.
        const double kl = ((ratio - 1) - log_ratio).sum().div(elements).item<double>();
        const double clipped = ((ratio - 1).abs() > settings.clip)
                                   .to(torch::kFloat)
                                   .sum()
                                   .div(elements)
                                   .item<double>();
        totals += torch::tensor({policy_loss.item<double>(), value_loss.item<double>(),
                                 entropy.item<double>(), kl, clipped},
                                torch::kDouble);
      }
      sum.Gradients(parameters);
      torch::nn::utils::clip_grad_norm_(parameters, settings.max_grad_norm);
      optimizer.step();
      ++updates;
    }
  }
  totals = sum(totals) / updates;
  PpoStats stats;
  stats.policy_loss = totals[0].item<double>();
  stats.value_loss = totals[1].item<double>();
  stats.entropy = totals[2].item<double>();
  stats.approx_kl = totals[3].item<double>();
  stats.clip_fraction = totals[4].item<double>();
  const torch::Tensor residual = batch.returns - batch.values;
  double variance = 0, unexplained = 0;
  if (sum.alone()) {
    variance = batch.returns.var().item<double>();
    unexplained = residual.var().item<double>();
  } else {
    const double n = static_cast<double>(steps * worlds);
    variance = std::pow(sum.MeanStd(batch.returns, n).second, 2);
    unexplained = std::pow(sum.MeanStd(residual, n).second, 2);
  }
  stats.explained_variance = variance > 0 ? 1 - unexplained / variance : 0;
  return stats;
}

}  // namespace advlab::rl
