#pragma once
// A student (the protagonist, the antagonist, or a DR learner): its network,
// optimiser and sampling generator, its own batch of worlds over a shared
// LevelBatch, and the rollout storage it learns from.
//
//   levels (shared) -> Collect: reset every world on its level, play T steps
//   (episodes restart on the same level), per-level episode statistics
//   (episode_stats.h), GAE -> Score (level_scores.h) -> Update: PPO
//
// With ppo.handle_timelimits an episode cut by the level's step limit is
// not treated as a terminal state (dcd's use_proper_time_limits): the advantage
// of the cut step is 0 and the steps before it bootstrap from its value.
//
// Data-parallel (`parallel`, rl/data_parallel.h): the levels are this rank's
// share of the worlds; actions are drawn as one process would draw them for
// these worlds and PPO sums the gradients over ranks. Statistics and scores
// are this rank's; the runner gathers them.
#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "envs/level_batch.h"
#include "envs/student_batch.h"
#include "paired/episode_stats.h"
#include "paired/level_scores.h"
#include "paired/rollout_storage.h"
#include "paired/student_net.h"
#include "rl/ppo.h"

namespace advlab::paired {

class StudentAgent {
 public:
  StudentAgent(const envs::LevelBatch* levels, const StudentNetOptions& net_options,
               const rl::PpoSettings& ppo, uint64_t seed, torch::Device device,
               rl::DataParallel parallel = {});

  // Plays one rollout on the current levels. `uniform` ignores the network
  // and acts uniformly at random (the random-policy baseline).
  LevelReturns Collect(bool uniform = false);
  rl::PpoStats Update();
  // Learning-potential scores of the last rollout's levels (a world is a level).
  std::vector<ReplayScore> Score(ScoreFunction function, const double* stored_max_return,
                                 bool score_tail) const;
  // Mean |advantage| per world over the last rollout (ACCEL's parent choice).
  std::vector<double> MeanAbsAdvantage() const;

  StudentNet& net() { return net_; }
  torch::optim::Adam& optimizer() { return optimizer_; }
  at::Generator& generator() { return generator_; }
  const RolloutStorage& storage() const { return storage_; }

 private:
  const envs::LevelBatch* levels_;
  rl::PpoSettings ppo_;
  torch::Device device_;
  rl::DataParallel parallel_;
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
