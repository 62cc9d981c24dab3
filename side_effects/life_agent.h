#pragma once
// One learner of the side-effects world: a LifeNet, its Adam optimiser and
// its random streams, trained by the lab's PPO (rl/ppo.h) on whatever reward
// the rollout carries: the task's, the task's minus AUP's penalty, or an
// auxiliary reward. An auxiliary agent also fits its Q head: Q(s_t, a_t)
// regressed on the same lambda-returns as the value, per action taken.
#include <torch/torch.h>

#include <string>

#include "rl/ppo.h"
#include "side_effects/life_net.h"
#include "side_effects/side_effects_options.h"

namespace advlab::nn {
class CheckpointWriter;
class CheckpointReader;
}  // namespace advlab::nn

namespace advlab::side_effects {

// One rollout of T steps in N worlds, time-major.
struct LifeRollout {
  torch::Tensor observations;                                  // [T, N, planes, view, view]
  torch::Tensor actions, log_probs, rewards, dones, timeouts;  // [T, N]
  torch::Tensor values;                                        // [T + 1, N]: the last bootstraps
};

struct AgentStep {
  torch::Tensor actions, log_probs, values;  // [N] on the CPU
};

class LifeAgent {
 public:
  LifeAgent(const LifeNetOptions& net, const rl::PpoSettings& ppo, bool fits_q, uint64_t seed,
            torch::Device device);

  // Samples actions for observations [N, planes, view, view] (CPU).
  AgentStep Act(const torch::Tensor& observations);
  torch::Tensor Values(const torch::Tensor& observations);   // [N]
  torch::Tensor QValues(const torch::Tensor& observations);  // [N, 9]
  rl::PpoStats Learn(const LifeRollout& rollout);
  // Mean squared error of the Q head on the last rollout (NaN without one).
  double q_loss() const { return q_loss_; }

  void Save(nn::CheckpointWriter& writer, const std::string& prefix);
  void Load(nn::CheckpointReader& reader, const std::string& prefix);
  LifeNet& net() { return net_; }

 private:
  double FitQ(const LifeRollout& rollout, const torch::Tensor& returns);
  void ClearGradients();

  rl::PpoSettings ppo_;
  bool fits_q_;
  torch::Device device_;
  LifeNet net_;
  torch::optim::Adam optimizer_;
  at::Generator sampler_, shuffle_;
  double q_loss_;
};

}  // namespace advlab::side_effects
