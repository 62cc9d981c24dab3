#include "paired/teacher_net.h"

#include <cmath>
#include <stdexcept>

namespace advlab::paired {

TeacherNetImpl::TeacherNetImpl(const TeacherNetOptions& options, int grid, int steps, int noise_dim)
    : options_(options), steps_(steps) {
  const int inner = grid - 2;
  conv_ = register_module("conv",
                          torch::nn::Conv2d(torch::nn::Conv2dOptions(3, options.conv_channels, 3)));
  time_ = register_module("time", torch::nn::Linear(steps + 1, options.time_embed));
  const int features = options.conv_channels * inner * inner + options.time_embed + noise_dim;
  int core = features;
  if (options.recurrent == "lstm") {
    const int image = options.conv_channels * inner * inner;
    lstm_image_ = register_module(
        "lstm_image",
        torch::nn::Linear(torch::nn::LinearOptions(image, 4 * options.hidden).bias(false)));
    lstm_extra_ =
        register_module("lstm_extra", torch::nn::Linear(features - image, 4 * options.hidden));
    // Initialised as the one Linear over all features they stand for:
    // uniform within 1/sqrt(fan in) of the whole input.
    torch::NoGradGuard no_grad;
    const double bound = 1.0 / std::sqrt(static_cast<double>(features));
    for (torch::Tensor* tensor : {&lstm_image_->weight, &lstm_extra_->weight, &lstm_extra_->bias}) {
      tensor->uniform_(-bound, bound);
    }
    lstm_hidden_ = register_module(
        "lstm_hidden",
        torch::nn::Linear(
            torch::nn::LinearOptions(options.hidden, 4 * options.hidden).bias(false)));
    core = options.hidden;
  } else if (options.recurrent != "none") {
    throw std::invalid_argument("teacher recurrent must be lstm or none, not '" +
                                options.recurrent + "'");
  }
  actor_hidden_ = register_module("actor_hidden", torch::nn::Linear(core, options.head));
  actor_out_ = register_module("actor_out", torch::nn::Linear(options.head, inner * inner));
  critic_hidden_ = register_module("critic_hidden", torch::nn::Linear(core, options.head));
  critic_out_ = register_module("critic_out", torch::nn::Linear(options.head, 1));
  torch::NoGradGuard no_grad;
  for (auto* layer : {&actor_hidden_, &critic_hidden_}) {
    torch::nn::init::orthogonal_((*layer)->weight, std::sqrt(2.0));
    torch::nn::init::zeros_((*layer)->bias);
  }
  torch::nn::init::orthogonal_(actor_out_->weight, 0.01);
  torch::nn::init::zeros_(actor_out_->bias);
  torch::nn::init::orthogonal_(critic_out_->weight, 1.0);
  torch::nn::init::zeros_(critic_out_->bias);
}

RecurrentState TeacherNetImpl::InitialState(int64_t batch) const {
  RecurrentState state;
  if (options_.recurrent != "lstm") return state;
  state.h = torch::zeros({batch, options_.hidden});
  state.c = torch::zeros({batch, options_.hidden});
  return state;
}

torch::Tensor TeacherNetImpl::EncodeTimeAndNoise(const torch::Tensor& time_step,
                                                 const torch::Tensor& noise) {
  torch::Tensor t =
      torch::one_hot(time_step.to(torch::kLong).clamp(0, steps_), steps_ + 1).to(torch::kFloat);
  return torch::cat({time_->forward(t), noise}, -1);
}

torch::Tensor TeacherNetImpl::EncodeImage(const torch::Tensor& grid) {
  torch::Tensor features = torch::relu(conv_->forward(grid));
  // Position-major for the LSTM's projection (see teacher_projection.h).
  if (options_.recurrent == "lstm") features = features.permute({0, 2, 3, 1});
  return features.flatten(1);
}

torch::Tensor TeacherNetImpl::Encode(const torch::Tensor& grid, const torch::Tensor& time_step,
                                     const torch::Tensor& noise) {
  return torch::cat({EncodeImage(grid), EncodeTimeAndNoise(time_step, noise)}, 1);
}

PolicyOutput TeacherNetImpl::Heads(const torch::Tensor& core) {
  PolicyOutput out;
  out.logits = actor_out_->forward(torch::tanh(actor_hidden_->forward(core)));
  out.value = critic_out_->forward(torch::tanh(critic_hidden_->forward(core))).squeeze(-1);
  return out;
}

RecurrentState TeacherNetImpl::Recur(const torch::Tensor& projected, const RecurrentState& state) {
  // Gates in PyTorch's LSTM order: input, forget, cell, output.
  std::vector<torch::Tensor> gates = (projected + lstm_hidden_->forward(state.h)).chunk(4, 1);
  RecurrentState next;
  next.c = torch::sigmoid(gates[1]) * state.c + torch::sigmoid(gates[0]) * torch::tanh(gates[2]);
  next.h = torch::sigmoid(gates[3]) * torch::tanh(next.c);
  return next;
}

PolicyOutput TeacherNetImpl::Step(const torch::Tensor& grid, const torch::Tensor& time_step,
                                  const torch::Tensor& noise, const RecurrentState& state,
                                  ProjectionCache* cache) {
  RecurrentState next = state;
  torch::Tensor x;
  if (options_.recurrent == "lstm") {
    torch::Tensor image =
        options_.incremental && cache && grid.is_cpu()
            ? ProjectDesignStep(grid, conv_->weight, conv_->bias, lstm_image_->weight, *cache)
            : lstm_image_->forward(EncodeImage(grid));
    next = Recur(image + lstm_extra_->forward(EncodeTimeAndNoise(time_step, noise)), state);
    x = next.h;
  } else {
    x = Encode(grid, time_step, noise);
  }
  PolicyOutput out = Heads(x);
  out.state = next;
  return out;
}

PolicyOutput TeacherNetImpl::Unroll(const torch::Tensor& grid, const torch::Tensor& time_step,
                                    const torch::Tensor& noise, const RecurrentState& initial) {
  const int64_t steps = grid.size(0), worlds = grid.size(1);
  RecurrentState state = initial;
  torch::Tensor x;
  if (options_.recurrent == "lstm") {
    // The image part of the projection incrementally (or densely, the
    // reference computation), the time and noise part densely.
    torch::Tensor image =
        options_.incremental && grid.is_cpu()
            ? ProjectDesignEpisodes(grid, conv_->weight, conv_->bias, lstm_image_->weight)
            : lstm_image_->forward(EncodeImage(grid.flatten(0, 1))).view({steps, worlds, -1});
    torch::Tensor inputs = image + lstm_extra_->forward(EncodeTimeAndNoise(time_step, noise));
    std::vector<torch::Tensor> outputs;
    for (const torch::Tensor& projected : inputs.unbind(0)) {
      state = Recur(projected, state);
      outputs.push_back(state.h);
    }
    x = torch::stack(outputs);
  } else {
    x = Encode(grid.flatten(0, 1), time_step.flatten(0, 1), noise.flatten(0, 1))
            .view({steps, worlds, -1});
  }
  PolicyOutput out = Heads(x);
  out.state = state;
  return out;
}

}  // namespace advlab::paired
