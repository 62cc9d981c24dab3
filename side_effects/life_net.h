#pragma once
// The side-effects agents' network: the AUP code's shape (convolutions, a
// dense layer, then heads) scaled to the 2-core budget, on the agent-centred
// view of envs::life::LifeBatch::Observe.
//   conv conv1@3x3 pad 1, ReLU -> conv conv2@3x3 stride 2, ReLU -> dense
//   hidden, ReLU -> policy logits (9), value (1), Q values (9)
// The Q head is trained only by the auxiliary agents (life_agent.h).
#include <torch/torch.h>

#include "side_effects/side_effects_options.h"

namespace advlab::side_effects {

struct LifeNetOutput {
  torch::Tensor logits, value, q;  // [B, 9], [B], [B, 9]
};

class LifeNetImpl : public torch::nn::Module {
 public:
  explicit LifeNetImpl(const LifeNetOptions& options);
  // observations [B, planes, view, view]
  LifeNetOutput forward(const torch::Tensor& observations);

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::Linear dense_{nullptr}, policy_{nullptr}, value_{nullptr}, q_{nullptr};
};
TORCH_MODULE(LifeNet);

}  // namespace advlab::side_effects
