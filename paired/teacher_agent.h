#pragma once
// The teacher: its network, optimiser and generator, its batch of
// level-building worlds writing into the shared LevelBatch, and the design
// episode it learns from.
//
//   Design: reset the worlds, place N + 2 things per world with the policy
//   -> levels in the LevelBatch -> (students play) -> Update(rewards):
//   reward on the last design step only, GAE, PPO.
// Data-parallel as the student (student_agent.h): `levels` is this rank's
// share, each of its worlds draws the noise and actions one process would.
#include <torch/torch.h>

#include <vector>

#include "envs/teacher_batch.h"
#include "paired/teacher_net.h"
#include "rl/ppo.h"

namespace advlab::paired {

class TeacherAgent {
 public:
  TeacherAgent(envs::LevelBatch* levels, const TeacherNetOptions& net_options,
               const envs::TeacherSettings& world, const rl::PpoSettings& ppo, uint64_t seed,
               torch::Device device, rl::DataParallel parallel = {});

  void Design();
  // `rewards` [N]: the regret (or minimax) score of each level, placed on the
  // design episode's last step (dcd replace_final_return, jaxued rewards[-1]).
  rl::PpoStats Update(const std::vector<double>& rewards);

  TeacherNet& net() { return net_; }
  torch::optim::Adam& optimizer() { return optimizer_; }
  at::Generator& generator() { return generator_; }
  envs::TeacherBatch& worlds() { return worlds_; }
  const torch::Tensor& rewards() const { return rewards_; }  // [T, N] after Update

 private:
  envs::LevelBatch* levels_;
  rl::PpoSettings ppo_;
  torch::Device device_;
  rl::DataParallel parallel_;
  int64_t steps_, count_;
  TeacherNet net_;
  torch::optim::Adam optimizer_;
  at::Generator generator_;
  std::vector<float> images_, noise_;
  std::vector<int32_t> time_steps_, actions_;
  envs::TeacherBatch worlds_;
  int noise_dim_;
  // The design episode, time-major.
  torch::Tensor grids_, times_, noises_, chosen_, log_probs_, values_, rewards_, dones_;
};

}  // namespace advlab::paired
