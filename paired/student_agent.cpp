#include "paired/student_agent.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <utility>

#include "rl/categorical.h"

namespace advlab::paired {

StudentAgent::StudentAgent(const envs::LevelBatch* levels, const StudentNetOptions& net_options,
                           const rl::PpoSettings& ppo, uint64_t seed, torch::Device device,
                           rl::DataParallel parallel)
    : levels_(levels),
      ppo_(ppo),
      device_(device),
      parallel_(rl::HoldingWorlds(std::move(parallel), levels->count())),
      net_(net_options),
      optimizer_(net_->parameters(),
                 torch::optim::AdamOptions(ppo.learning_rate).eps(ppo.adam_eps)),
      generator_(at::make_generator<at::CPUGeneratorImpl>(seed)),
      storage_(ppo.steps, levels->count()),
      observations_(static_cast<size_t>(levels->count()) * envs::kViewFloats),
      rewards_(levels->count()),
      episode_returns_(levels->count()),
      directions_(levels->count()),
      episode_lengths_(levels->count()),
      actions_(levels->count()),
      dones_(levels->count()),
      worlds_(levels, {observations_.data(), directions_.data(), rewards_.data(), dones_.data(),
                       episode_returns_.data(), episode_lengths_.data()}) {
  net_->to(device_);
}

LevelReturns StudentAgent::Collect(bool uniform) {
  const int64_t worlds = levels_->count();
  torch::NoGradGuard no_grad;  // not InferenceMode: these tensors feed the update
  net_->eval();
  worlds_.ResetAll();
  storage_.initial_state = net_->InitialState(worlds);
  storage_.timeouts.zero_();
  RecurrentState state = storage_.initial_state.To(device_);
  torch::Tensor starts = torch::ones({worlds});
  auto view_of = [&] {
    return torch::from_blob(observations_.data(), {worlds, 3, envs::kViewSize, envs::kViewSize});
  };
  auto direction_of = [&] {
    return torch::from_blob(directions_.data(), {worlds}, torch::kInt).to(torch::kLong);
  };

  for (int64_t t = 0; t < storage_.steps; ++t) {
    torch::Tensor view = view_of(), direction = direction_of();
    storage_.views[t].copy_(view);
    storage_.directions[t].copy_(direction);
    storage_.starts[t].copy_(starts);
    PolicyOutput out =
        net_->Step(view.to(device_), direction.to(device_), state, starts.to(device_));
    torch::Tensor logits = uniform ? torch::zeros_like(out.logits) : out.logits;
    torch::Tensor actions = rl::SampleActions(logits.to(torch::kCPU), generator_, parallel_.shard);
    storage_.actions[t].copy_(actions);
    storage_.log_probs[t].copy_(rl::LogProbabilities(logits.to(torch::kCPU), actions));
    storage_.values[t].copy_(out.value.to(torch::kCPU));
    state = out.state;

    const int64_t* chosen = actions.data_ptr<int64_t>();
    std::copy(chosen, chosen + worlds, actions_.begin());
    worlds_.Step(actions_.data());
    float* reward_row = storage_.rewards[t].data_ptr<float>();
    float* done_row = storage_.dones[t].data_ptr<float>();
    float* timeout_row = storage_.timeouts[t].data_ptr<float>();
    float* start_row = starts.data_ptr<float>();
    for (int64_t i = 0; i < worlds; ++i) {
      reward_row[i] = rewards_[i];
      done_row[i] = dones_[i];
      start_row[i] = dones_[i];
      // The maze pays only at the goal, so an unpaid end is the step limit.
      timeout_row[i] = ppo_.handle_timelimits && dones_[i] && rewards_[i] == 0;
    }
  }
  // Bootstrap from the state after the last step: the rollout is cut, not ended.
  PolicyOutput last =
      net_->Step(view_of().to(device_), direction_of().to(device_), state, starts.to(device_));
  storage_.values[storage_.steps].copy_(last.value.to(torch::kCPU));
  storage_.ComputeAdvantages(ppo_.gamma, ppo_.gae_lambda);
  return EpisodeStatistics(storage_.rewards.data_ptr<float>(), storage_.dones.data_ptr<float>(),
                           static_cast<int>(storage_.steps), static_cast<int>(worlds));
}

std::vector<ReplayScore> StudentAgent::Score(ScoreFunction function,
                                             const double* stored_max_return,
                                             bool score_tail) const {
  RolloutView view{storage_.advantages.data_ptr<float>(), storage_.values.data_ptr<float>(),
                   storage_.rewards.data_ptr<float>(),    storage_.dones.data_ptr<float>(),
                   static_cast<int>(storage_.steps),      static_cast<int>(storage_.worlds)};
  return ScoreLevels(function, view, stored_max_return, score_tail);
}

std::vector<double> StudentAgent::MeanAbsAdvantage() const {
  torch::Tensor mean = storage_.advantages.abs().mean(0).to(torch::kDouble).contiguous();
  return std::vector<double>(mean.data_ptr<double>(), mean.data_ptr<double>() + mean.numel());
}

rl::PpoStats StudentAgent::Update() {
  net_->train();
  const torch::Device device = device_;
  rl::PolicyEvaluator evaluate = [&](const torch::Tensor& rows) {
    auto pick = [&](const torch::Tensor& t) { return t.index_select(1, rows).to(device); };
    PolicyOutput out =
        net_->Unroll(pick(storage_.views), pick(storage_.directions),
                     storage_.initial_state.Index(rows).To(device), pick(storage_.starts));
    return std::make_pair(out.logits, out.value);
  };
  rl::PpoBatch batch{storage_.actions, storage_.log_probs,
                     storage_.values.slice(0, 0, storage_.steps), storage_.returns,
                     storage_.advantages};
  return rl::PpoUpdate(net_->parameters(), optimizer_, batch, evaluate, ppo_, generator_,
                       &parallel_);
}

}  // namespace advlab::paired
