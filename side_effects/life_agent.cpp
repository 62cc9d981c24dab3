#include "side_effects/life_agent.h"

#include <ATen/CPUGeneratorImpl.h>

#include <limits>

#include "core/seed_streams.h"
#include "nn/checkpoint.h"
#include "rl/categorical.h"
#include "rl/gae.h"

namespace advlab::side_effects {

LifeAgent::LifeAgent(const LifeNetOptions& net, const rl::PpoSettings& ppo, bool fits_q,
                     uint64_t seed, torch::Device device)
    : ppo_(ppo),
      fits_q_(fits_q),
      device_(device),
      // The initial weights come from torch's global generator: seeded here.
      net_((torch::manual_seed(StreamSeed(seed, "weights")), LifeNet(net))),
      optimizer_(net_->parameters(),
                 torch::optim::AdamOptions(ppo.learning_rate).eps(ppo.adam_eps)),
      sampler_(at::make_generator<at::CPUGeneratorImpl>(StreamSeed(seed, "actions"))),
      shuffle_(at::make_generator<at::CPUGeneratorImpl>(StreamSeed(seed, "minibatches"))),
      q_loss_(std::numeric_limits<double>::quiet_NaN()) {
  net_->to(device_);
}

AgentStep LifeAgent::Act(const torch::Tensor& observations) {
  torch::NoGradGuard no_grad;
  LifeNetOutput out = net_->forward(observations.to(device_));
  torch::Tensor logits = out.logits.to(torch::kCPU);
  torch::Tensor actions = rl::SampleActions(logits, sampler_);
  return {actions, rl::LogProbabilities(logits, actions), out.value.to(torch::kCPU)};
}

torch::Tensor LifeAgent::Values(const torch::Tensor& observations) {
  torch::NoGradGuard no_grad;
  return net_->forward(observations.to(device_)).value.to(torch::kCPU);
}

torch::Tensor LifeAgent::QValues(const torch::Tensor& observations) {
  torch::NoGradGuard no_grad;
  return net_->forward(observations.to(device_)).q.to(torch::kCPU);
}

rl::PpoStats LifeAgent::Learn(const LifeRollout& rollout) {
  const int64_t steps = rollout.actions.size(0);
  torch::Tensor values = rollout.values.slice(0, 0, steps);
  torch::Tensor advantages = rl::GeneralizedAdvantages(
      rollout.rewards, rollout.values, rollout.dones, ppo_.gamma, ppo_.gae_lambda,
      ppo_.handle_timelimits ? rollout.timeouts : torch::Tensor());
  torch::Tensor returns = advantages + values;
  rl::PpoBatch batch{rollout.actions, rollout.log_probs, values, returns, advantages};
  net_->train();
  auto evaluate = [&](const torch::Tensor& rows) {
    torch::Tensor obs = rollout.observations.index_select(1, rows);
    const int64_t n = rows.size(0);
    LifeNetOutput out = net_->forward(obs.flatten(0, 1).to(device_));
    return std::make_pair(out.logits.view({steps, n, -1}), out.value.view({steps, n}));
  };
  rl::PpoStats stats =
      rl::PpoUpdate(net_->parameters(), optimizer_, batch, evaluate, ppo_, shuffle_);
  ClearGradients();
  if (fits_q_) q_loss_ = FitQ(rollout, returns);
  return stats;
}

void LifeAgent::ClearGradients() {
  // LibTorch 1.13's zero_grad() leaves zero tensors, and Adam steps every
  // parameter with a defined gradient: the Q head would keep moving on its
  // momentum through PPO's steps (and the policy head through the Q fit's),
  // and a resumed agent, whose gradients start undefined, would not.
  for (torch::Tensor& p : net_->parameters()) p.mutable_grad() = torch::Tensor();
}

double LifeAgent::FitQ(const LifeRollout& rollout, const torch::Tensor& returns) {
  // The same passes as PPO's (epochs x minibatches of whole worlds), on the
  // lambda-return of the action each step took: an on-policy estimate of
  // Q(s_t, a_t) for every action the policy tries. Steps cut by the time
  // limit are left out: GAE sets their return to their own value.
  const int64_t worlds = rollout.actions.size(1);
  const int64_t per_minibatch = worlds / ppo_.minibatches;
  double loss_sum = 0;
  int passes = 0;
  for (int epoch = 0; epoch < ppo_.epochs; ++epoch) {
    torch::Tensor order = torch::randperm(worlds, shuffle_, torch::kLong);
    for (int m = 0; m < ppo_.minibatches; ++m) {
      torch::Tensor rows = order.slice(0, m * per_minibatch, (m + 1) * per_minibatch);
      torch::Tensor obs = rollout.observations.index_select(1, rows).flatten(0, 1);
      torch::Tensor actions = rollout.actions.index_select(1, rows).flatten().to(device_);
      torch::Tensor target = returns.index_select(1, rows).flatten().to(device_);
      torch::Tensor kept = 1 - rollout.timeouts.index_select(1, rows).flatten().to(device_);
      torch::Tensor q = net_->forward(obs.to(device_)).q.gather(1, actions.view({-1, 1}));
      torch::Tensor loss =
          0.5 * ((q.squeeze(1) - target).pow(2) * kept).sum() / kept.sum().clamp_min(1);
      loss.backward();
      torch::nn::utils::clip_grad_norm_(net_->parameters(), ppo_.max_grad_norm);
      optimizer_.step();
      ClearGradients();
      loss_sum += loss.item<double>();
      ++passes;
    }
  }
  return loss_sum / passes;
}

void LifeAgent::Save(nn::CheckpointWriter& writer, const std::string& prefix) {
  writer.Module(prefix + "/net", *net_);
  writer.Optimizer(prefix + "/optimizer", optimizer_);
  writer.Generator(prefix + "/sampler", sampler_);
  writer.Generator(prefix + "/shuffle", shuffle_);
}

void LifeAgent::Load(nn::CheckpointReader& reader, const std::string& prefix) {
  reader.Module(prefix + "/net", *net_);
  reader.Optimizer(prefix + "/optimizer", optimizer_);
  reader.Generator(prefix + "/sampler", sampler_);
  reader.Generator(prefix + "/shuffle", shuffle_);
  net_->to(device_);
}

}  // namespace advlab::side_effects
