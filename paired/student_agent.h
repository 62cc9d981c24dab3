#pragma once
// A student (the protagonist, the antagonist, or a DR learner): its network,
// optimiser and sampling generator, its own batch of worlds over a shared
// LevelBatch, and the rollout storage it learns from.
//
//   levels (shared) -> Collect: reset every world on its level, play T steps
//   (episodes restart on the same level), record per-level episode returns,
//   compute GAE -> Update: PPO
#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "envs/level_batch.h"
#include "envs/student_batch.h"
#include "paired/ppo.h"
#include "paired/rollout_storage.h"
#include "paired/student_net.h"

namespace advlab::paired {

// What each level yielded in one rollout. Mean and max are over completed
// episodes, 0 when none completed (dcd's convention).
struct LevelReturns {
  std::vector<int> episodes;  // completed episodes per world
  std::vector<int> solved;    // of which reached the goal
  std::vector<double> mean_return, max_return;
  std::vector<double> mean_length;
  std::vector<double> solved_length;  // mean length of solved episodes (0 if none)

  double MeanEpisodeReturn() const;  // over all completed episodes
  double MeanEpisodeLength() const;
  double SolvedRate() const;  // solved / completed episodes
  int Episodes() const;
};

class StudentAgent {
 public:
  StudentAgent(const envs::LevelBatch* levels, const StudentNetOptions& net_options,
               const PpoSettings& ppo, uint64_t seed, torch::Device device);

  // Plays one rollout on the current levels. `uniform` ignores the network
  // and acts uniformly at random (the random-policy baseline).
  LevelReturns Collect(bool uniform = false);
  PpoStats Update();

  StudentNet& net() { return net_; }
  torch::optim::Adam& optimizer() { return optimizer_; }
  at::Generator& generator() { return generator_; }
  const RolloutStorage& storage() const { return storage_; }

 private:
  const envs::LevelBatch* levels_;
  PpoSettings ppo_;
  torch::Device device_;
  StudentNet net_;
  torch::optim::Adam optimizer_;
  at::Generator generator_;
  RolloutStorage storage_;
  // The worlds' caller-owned buffers, wrapped by from_blob each step.
  std::vector<float> observations_, rewards_, episode_returns_;
  std::vector<int32_t> directions_, episode_lengths_, actions_;
  std::vector<uint8_t> dones_;
  envs::StudentBatch worlds_;
};

}  // namespace advlab::paired
