#pragma once
// The ranks of a data-parallel UED run (`advlab launch -- paired ...`): which
// worlds this rank simulates, and the gathers that give every rank what all
// the worlds did, in world order. With them the curators, the teacher's
// reward, ACCEL's edits and the logged metrics see exactly the numbers one
// process would, and every rank keeps identical buffers and generators.
// Alone (no group), every gather returns its input and nothing is sent.
#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "envs/level.h"
#include "paired/episode_stats.h"
#include "paired/level_scores.h"
#include "rl/data_parallel.h"

namespace advlab::distributed {
class Collective;
}

namespace advlab::paired {

class UedRanks {
 public:
  UedRanks(distributed::Collective* group, int worlds);

  int rank() const { return rank_; }
  int size() const { return size_; }
  const rl::WorldShard& shard() const { return shard_; }
  // For a learner over this rank's worlds (its gradients summed over ranks).
  rl::DataParallel Parallel() const;

  // Every rank's part, concatenated in rank (= world) order.
  LevelReturns Gather(const LevelReturns& mine) const;
  std::vector<ReplayScore> Gather(const std::vector<ReplayScore>& mine) const;
  std::vector<double> Gather(const std::vector<double>& mine) const;
  std::vector<envs::Level> Gather(const std::vector<envs::Level>& mine) const;
  std::string Concatenate(const std::string& mine) const;

  // Rank 0's values on every rank (weights drawn alike are made identical).
  void Broadcast(const std::vector<torch::Tensor>& tensors) const;
  // Whether any rank says yes: ranks agree to stop at the same update.
  bool Any(bool mine) const;
  // Throws when any rank's digest differs from rank 0's: the ranks' copies
  // of what should be identical (the weights) have drifted apart.
  void CheckIdentical(const std::string& what, uint64_t digest) const;

  // Every collective this rank made since it was made (the first broadcast
  // of the weights included): payloads and the time spent in them, waiting
  // for slower ranks included.
  struct Traffic {
    double bytes = 0, seconds = 0;
  };
  const Traffic& traffic() const { return *traffic_; }

  // This rank's part of a whole-batch vector.
  template <typename T>
  std::vector<T> Mine(const std::vector<T>& all) const {
    return std::vector<T>(all.begin() + shard_.begin, all.begin() + shard_.end());
  }

 private:
  std::vector<std::string> AllGather(const std::string& bytes) const;
  template <typename Op>
  void Count(double bytes, Op op) const;

  distributed::Collective* group_;
  int rank_ = 0, size_ = 1;
  rl::WorldShard shard_;
  std::shared_ptr<Traffic> traffic_ = std::make_shared<Traffic>();
};

}  // namespace advlab::paired
