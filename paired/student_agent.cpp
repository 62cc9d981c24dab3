#include "paired/student_agent.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <numeric>

#include "paired/categorical.h"

namespace advlab::paired {

double LevelReturns::MeanEpisodeReturn() const {
  double total = 0;
  for (size_t i = 0; i < episodes.size(); ++i) total += mean_return[i] * episodes[i];
  return Episodes() ? total / Episodes() : 0;
}

double LevelReturns::MeanEpisodeLength() const {
  double total = 0;
  for (size_t i = 0; i < episodes.size(); ++i) total += mean_length[i] * episodes[i];
  return Episodes() ? total / Episodes() : 0;
}

double LevelReturns::SolvedRate() const {
  int total = std::accumulate(solved.begin(), solved.end(), 0);
  return Episodes() ? static_cast<double>(total) / Episodes() : 0;
}

int LevelReturns::Episodes() const { return std::accumulate(episodes.begin(), episodes.end(), 0); }

StudentAgent::StudentAgent(const envs::LevelBatch* levels, const StudentNetOptions& net_options,
                           const PpoSettings& ppo, uint64_t seed, torch::Device device)
    : levels_(levels),
      ppo_(ppo),
      device_(device),
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
  LevelReturns result;
  result.episodes.assign(worlds, 0);
  result.solved.assign(worlds, 0);
  result.mean_return.assign(worlds, 0);
  result.max_return.assign(worlds, 0);
  result.mean_length.assign(worlds, 0);
  result.solved_length.assign(worlds, 0);

  torch::NoGradGuard no_grad;  // not InferenceMode: these tensors feed the update
  net_->eval();
  worlds_.ResetAll();
  storage_.initial_state = net_->InitialState(worlds);
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
    torch::Tensor actions = SampleActions(logits.to(torch::kCPU), generator_);
    storage_.actions[t].copy_(actions);
    storage_.log_probs[t].copy_(LogProbabilities(logits.to(torch::kCPU), actions));
    storage_.values[t].copy_(out.value.to(torch::kCPU));
    state = out.state;

    const int64_t* chosen = actions.data_ptr<int64_t>();
    std::copy(chosen, chosen + worlds, actions_.begin());
    worlds_.Step(actions_.data());
    float* reward_row = storage_.rewards[t].data_ptr<float>();
    float* done_row = storage_.dones[t].data_ptr<float>();
    float* start_row = starts.data_ptr<float>();
    for (int64_t i = 0; i < worlds; ++i) {
      reward_row[i] = rewards_[i];
      done_row[i] = dones_[i];
      start_row[i] = dones_[i];
      if (!dones_[i]) continue;
      const double ret = episode_returns_[i];
      const int n = ++result.episodes[i];
      result.mean_return[i] += (ret - result.mean_return[i]) / n;
      result.mean_length[i] += (episode_lengths_[i] - result.mean_length[i]) / n;
      result.max_return[i] = std::max(result.max_return[i], ret);
      if (ret > 0) {
        const int s = ++result.solved[i];
        result.solved_length[i] += (episode_lengths_[i] - result.solved_length[i]) / s;
      }
    }
  }
  // Bootstrap from the state after the last step: the rollout is cut, not ended.
  PolicyOutput last =
      net_->Step(view_of().to(device_), direction_of().to(device_), state, starts.to(device_));
  storage_.values[storage_.steps].copy_(last.value.to(torch::kCPU));
  storage_.ComputeAdvantages(ppo_.gamma, ppo_.gae_lambda);
  return result;
}

PpoStats StudentAgent::Update() {
  net_->train();
  const torch::Device device = device_;
  PolicyEvaluator evaluate = [&](const torch::Tensor& rows) {
    auto pick = [&](const torch::Tensor& t) { return t.index_select(1, rows).to(device); };
    PolicyOutput out =
        net_->Unroll(pick(storage_.views), pick(storage_.directions),
                     storage_.initial_state.Index(rows).To(device), pick(storage_.starts));
    return std::make_pair(out.logits, out.value);
  };
  PpoBatch batch{storage_.actions, storage_.log_probs, storage_.values.slice(0, 0, storage_.steps),
                 storage_.returns, storage_.advantages};
  return PpoUpdate(net_->parameters(), optimizer_, batch, evaluate, ppo_, generator_);
}

}  // namespace advlab::paired
