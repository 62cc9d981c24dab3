#pragma once
// The landmark task's learner: a small convolutional actor-critic on the
// agent-centred view (LandmarkWorlds::ObserveAgentCentred), trained by the lab's PPO (rl/ppo.h) on whatever reward
// the rollout carries (sparse, sparse + narration shaping, sparse + oracle
// shaping).
//   conv `conv`@3x3 pad 1, ReLU -> conv `conv`@3x3 stride 2 pad 1, ReLU -> flatten ->
//   dense `hidden`, ReLU -> 4 action logits, value
#include <torch/torch.h>

#include "rl/ppo.h"

namespace advlab::language {

class LandmarkPolicyImpl : public torch::nn::Module {
 public:
  // `side`: the view's side, 2 size - 1.
  LandmarkPolicyImpl(int64_t planes, int64_t side, int conv, int hidden);
  // views [B, P, side, side] -> (logits [B, 4], values [B])
  std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& planes);

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::Linear dense_{nullptr}, policy_{nullptr}, value_{nullptr};
};
TORCH_MODULE(LandmarkPolicy);

// One rollout of T steps in N worlds, time-major.
struct LandmarkRollout {
  torch::Tensor observations;                                  // [T, N, P, side, side]
  torch::Tensor actions, log_probs, rewards, dones, timeouts;  // [T, N]
  torch::Tensor values;                                        // [T + 1, N]
};

class NarrationAgent {
 public:
  NarrationAgent(int64_t planes, int64_t side, int conv, int hidden, const rl::PpoSettings& ppo,
                 uint64_t seed, torch::Device device);

  // Samples actions for views [N, P, side, side] (CPU): actions, log-probabilities, values.
  std::tuple<torch::Tensor, torch::Tensor, torch::Tensor> Act(const torch::Tensor& observations);
  torch::Tensor Values(const torch::Tensor& observations);  // [N]
  rl::PpoStats Learn(const LandmarkRollout& rollout);

 private:
  rl::PpoSettings ppo_;
  torch::Device device_;
  LandmarkPolicy net_{nullptr};
  std::unique_ptr<torch::optim::Adam> optimizer_;
  at::Generator sampler_, shuffle_;
};

}  // namespace advlab::language
