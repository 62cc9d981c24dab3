#include "paired/teacher_agent.h"

#include <ATen/CPUGeneratorImpl.h>

#include <utility>

#include "core/check.h"
#include "rl/categorical.h"
#include "rl/gae.h"

namespace advlab::paired {

TeacherAgent::TeacherAgent(envs::LevelBatch* levels, const TeacherNetOptions& net_options,
                           const envs::TeacherSettings& world, const rl::PpoSettings& ppo,
                           uint64_t seed, torch::Device device, rl::DataParallel parallel)
    : levels_(levels),
      ppo_(ppo),
      device_(device),
      parallel_(rl::HoldingWorlds(std::move(parallel), levels->count())),
      steps_(world.walls + 2),
      count_(levels->count()),
      net_(net_options, levels->width(), world.walls + 2, world.noise_dim),
      optimizer_(net_->parameters(),
                 torch::optim::AdamOptions(ppo.learning_rate).eps(ppo.adam_eps)),
      generator_(at::make_generator<at::CPUGeneratorImpl>(seed)),
      images_(static_cast<size_t>(levels->count()) * 3 * levels->width() * levels->height()),
      noise_(static_cast<size_t>(levels->count()) * world.noise_dim),
      time_steps_(levels->count()),
      actions_(levels->count()),
      worlds_(levels, world, {images_.data(), time_steps_.data(), noise_.data()}, seed,
              static_cast<int>(parallel_.shard.begin)),
      noise_dim_(world.noise_dim) {
  net_->to(device_);
  const int64_t h = levels->height(), w = levels->width();
  grids_ = torch::zeros({steps_, count_, 3, h, w});
  times_ = torch::zeros({steps_, count_}, torch::kLong);
  noises_ = torch::zeros({steps_, count_, noise_dim_});
  chosen_ = torch::zeros({steps_, count_}, torch::kLong);
  log_probs_ = torch::zeros({steps_, count_});
  values_ = torch::zeros({steps_ + 1, count_});
  rewards_ = torch::zeros({steps_, count_});
  dones_ = torch::zeros({steps_, count_});
  dones_[steps_ - 1].fill_(1);  // the design episode ends after its last placement
}

void TeacherAgent::Design() {
  torch::NoGradGuard no_grad;
  net_->eval();
  worlds_.Reset();
  RecurrentState state = net_->InitialState(count_).To(device_);
  ProjectionCache cache;  // this episode's incremental projection
  const int64_t h = levels_->height(), w = levels_->width();
  for (int64_t t = 0; t < steps_; ++t) {
    torch::Tensor grid = torch::from_blob(images_.data(), {count_, 3, h, w});
    torch::Tensor time =
        torch::from_blob(time_steps_.data(), {count_}, torch::kInt).to(torch::kLong);
    torch::Tensor noise = torch::from_blob(noise_.data(), {count_, noise_dim_});
    grids_[t].copy_(grid);
    times_[t].copy_(time);
    noises_[t].copy_(noise);
    PolicyOutput out =
        net_->Step(grid.to(device_), time.to(device_), noise.to(device_), state, &cache);
    state = out.state;
    torch::Tensor logits = out.logits.to(torch::kCPU);
    torch::Tensor actions = rl::SampleActions(logits, generator_, parallel_.shard);
    chosen_[t].copy_(actions);
    log_probs_[t].copy_(rl::LogProbabilities(logits, actions));
    values_[t].copy_(out.value.to(torch::kCPU));
    const int64_t* a = actions.data_ptr<int64_t>();
    std::copy(a, a + count_, actions_.begin());
    worlds_.Step(actions_.data());
  }
}

rl::PpoStats TeacherAgent::Update(const std::vector<double>& rewards) {
  ADVLAB_CHECK_EQ(static_cast<int64_t>(rewards.size()), count_);  // this rank's levels
  rewards_.zero_();
  for (int64_t i = 0; i < count_; ++i) rewards_[steps_ - 1][i] = rewards[i];
  torch::Tensor advantages =
      rl::GeneralizedAdvantages(rewards_, values_, dones_, ppo_.gamma, ppo_.gae_lambda);
  torch::Tensor returns = advantages + values_.slice(0, 0, steps_);
  net_->train();
  rl::PolicyEvaluator evaluate = [&](const torch::Tensor& rows) {
    auto pick = [&](const torch::Tensor& t) { return t.index_select(1, rows).to(device_); };
    PolicyOutput out = net_->Unroll(pick(grids_), pick(times_), pick(noises_),
                                    net_->InitialState(rows.size(0)).To(device_));
    return std::make_pair(out.logits, out.value);
  };
  rl::PpoBatch batch{chosen_, log_probs_, values_.slice(0, 0, steps_), returns, advantages};
  return rl::PpoUpdate(net_->parameters(), optimizer_, batch, evaluate, ppo_, generator_,
                       &parallel_);
}

}  // namespace advlab::paired
