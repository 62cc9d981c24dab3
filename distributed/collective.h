#pragma once
// The communication of a distributed job, on LibTorch's c10d (the engine of
// torchrun and DDP): rank 0 hosts a TCPStore at MASTER_ADDR:MASTER_PORT and
// every rank joins one ProcessGroupGloo. Every call is collective (each rank
// makes it, in the same order) and waits at most the launch timeout: a dead
// or missing peer becomes a PeerFailure naming it, not a hang.
#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

#include "distributed/launch_env.h"

namespace advlab::distributed {

class Collective {
 public:
  // Connects; ranks that do not arrive within the timeout are named.
  explicit Collective(const LaunchEnv& env);
  ~Collective();
  Collective(const Collective&) = delete;
  Collective& operator=(const Collective&) = delete;

  int rank() const { return env_.rank; }
  int size() const { return env_.world_size; }
  const LaunchEnv& env() const { return env_; }

  // In place: the sum over ranks.
  void AllReduceSum(torch::Tensor& tensor);
  // In place: rank `root`'s tensor on every rank.
  void Broadcast(torch::Tensor& tensor, int root = 0);
  // Every rank's bytes, in rank order.
  std::vector<std::string> AllGather(const std::string& bytes);
  void Barrier();

 private:
  struct Impl;
  template <typename Op>
  void Run(const std::string& what, Op op);

  LaunchEnv env_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace advlab::distributed
