#include "language/narration_agent.h"

#include <ATen/CPUGeneratorImpl.h>

#include "core/seed_streams.h"
#include "nn/seeded_init.h"
#include "rl/categorical.h"
#include "rl/gae.h"

namespace advlab::language {
LandmarkPolicyImpl::LandmarkPolicyImpl(int64_t planes, int64_t side, int conv, int hidden)
    : conv1_(register_module(
          "conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(planes, conv, 3).padding(1)))),
      conv2_(register_module(
          "conv2",
          torch::nn::Conv2d(torch::nn::Conv2dOptions(conv, conv, 3).stride(2).padding(1)))),
      dense_(register_module(
          "dense", torch::nn::Linear(conv * ((side + 1) / 2) * ((side + 1) / 2), hidden))),
      policy_(register_module("policy", torch::nn::Linear(hidden, 4))),
      value_(register_module("value", torch::nn::Linear(hidden, 1))) {}

std::pair<torch::Tensor, torch::Tensor> LandmarkPolicyImpl::forward(const torch::Tensor& planes) {
  torch::Tensor x = torch::relu(conv2_(torch::relu(conv1_(planes))));
  x = torch::relu(dense_(x.flatten(1)));
  return {policy_(x), value_(x).squeeze(1)};
}

NarrationAgent::NarrationAgent(int64_t planes, int64_t side, int conv, int hidden,
                               const rl::PpoSettings& ppo, uint64_t seed, torch::Device device)
    : ppo_(ppo),
      device_(device),
      sampler_(at::make_generator<at::CPUGeneratorImpl>(StreamSeed(seed, "actions"))),
      shuffle_(at::make_generator<at::CPUGeneratorImpl>(StreamSeed(seed, "minibatches"))) {
  // Conditions train on several threads at once.
  net_ = nn::SeededInit(StreamSeed(seed, "policy_weights"),
                        [&] { return LandmarkPolicy(planes, side, conv, hidden); });
  net_->to(device_);
  optimizer_ = std::make_unique<torch::optim::Adam>(
      net_->parameters(), torch::optim::AdamOptions(ppo.learning_rate).eps(ppo.adam_eps));
}

std::tuple<torch::Tensor, torch::Tensor, torch::Tensor> NarrationAgent::Act(
    const torch::Tensor& observations) {
  torch::NoGradGuard no_grad;
  auto [logits, values] = net_->forward(observations.to(device_));
  logits = logits.to(torch::kCPU);
  torch::Tensor actions = rl::SampleActions(logits, sampler_);
  return {actions, rl::LogProbabilities(logits, actions), values.to(torch::kCPU)};
}

torch::Tensor NarrationAgent::Values(const torch::Tensor& observations) {
  torch::NoGradGuard no_grad;
  return net_->forward(observations.to(device_)).second.to(torch::kCPU);
}

rl::PpoStats NarrationAgent::Learn(const LandmarkRollout& rollout) {
  const int64_t steps = rollout.actions.size(0);
  torch::Tensor values = rollout.values.slice(0, 0, steps);
  torch::Tensor advantages = rl::GeneralizedAdvantages(
      rollout.rewards, rollout.values, rollout.dones, ppo_.gamma, ppo_.gae_lambda,
      ppo_.handle_timelimits ? rollout.timeouts : torch::Tensor());
  rl::PpoBatch batch{rollout.actions, rollout.log_probs, values, advantages + values, advantages};
  auto evaluate = [&](const torch::Tensor& rows) {
    torch::Tensor obs = rollout.observations.index_select(1, rows);
    const int64_t n = rows.size(0);
    auto [logits, v] = net_->forward(obs.flatten(0, 1).to(device_));
    return std::make_pair(logits.view({steps, n, -1}), v.view({steps, n}));
  };
  return rl::PpoUpdate(net_->parameters(), *optimizer_, batch, evaluate, ppo_, shuffle_);
}

}  // namespace advlab::language
