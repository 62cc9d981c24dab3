#include "side_effects/life_net.h"

#include "envs/life_batch.h"

namespace advlab::side_effects {

namespace nn = torch::nn;

LifeNetImpl::LifeNetImpl(const LifeNetOptions& o) {
  const int64_t after = (o.view - 3) / 2 + 1;  // the stride-2 convolution's output side
  conv1_ = register_module(
      "conv1", nn::Conv2d(nn::Conv2dOptions(envs::life::kPlanes, o.conv1, 3).padding(1)));
  conv2_ = register_module("conv2", nn::Conv2d(nn::Conv2dOptions(o.conv1, o.conv2, 3).stride(2)));
  dense_ = register_module("dense", nn::Linear(o.conv2 * after * after, o.hidden));
  policy_ = register_module("policy", nn::Linear(o.hidden, envs::life::kActions));
  value_ = register_module("value", nn::Linear(o.hidden, 1));
  q_ = register_module("q", nn::Linear(o.hidden, envs::life::kActions));
}

LifeNetOutput LifeNetImpl::forward(const torch::Tensor& observations) {
  torch::Tensor h = torch::relu(conv1_(observations));
  h = torch::relu(conv2_(h));
  h = torch::relu(dense_(h.flatten(1)));
  return {policy_(h), value_(h).squeeze(1), q_(h)};
}

}  // namespace advlab::side_effects
