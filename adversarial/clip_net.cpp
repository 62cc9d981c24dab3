#include "adversarial/clip_net.h"

#include <cmath>

namespace advlab::adversarial {
namespace {

torch::Tensor ChannelTensor(const std::vector<double>& values, int channels) {
  std::vector<float> filled(channels, static_cast<float>(values[0]));
  for (size_t c = 0; c < values.size() && c < filled.size(); ++c) filled[c] = values[c];
  return torch::tensor(filled).view({1, channels, 1, 1});
}

}  // namespace

TextBlockImpl::TextBlockImpl(int width, int heads)
    : norm1_(register_module("norm1", torch::nn::LayerNorm(std::vector<int64_t>{width}))),
      norm2_(register_module("norm2", torch::nn::LayerNorm(std::vector<int64_t>{width}))),
      attention_(register_module(
          "attention",
          torch::nn::MultiheadAttention(torch::nn::MultiheadAttentionOptions(width, heads)))),
      hidden_(register_module("hidden", torch::nn::Linear(width, 4 * width))),
      output_(register_module("output", torch::nn::Linear(4 * width, width))) {}

torch::Tensor TextBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& pad) {
  torch::Tensor h = norm1_(x);
  torch::Tensor attended = std::get<0>(attention_(h, h, h, pad, /*need_weights=*/false));
  torch::Tensor y = x + attended;
  return y + output_(torch::gelu(hidden_(norm2_(y))));
}

ClipNetImpl::ClipNetImpl(const ClipNetOptions& options, int64_t vocabulary_size)
    : options_(options) {
  mean_ = register_buffer("pixel_mean", ChannelTensor(options.pixel_mean, options.channels));
  std_ = register_buffer("pixel_std", ChannelTensor(options.pixel_std, options.channels));
  log_scale_ = register_parameter(
      "log_scale", torch::tensor(std::log(1.0 / options.initial_temperature), torch::kFloat));
  convs_ = register_module("convs", torch::nn::ModuleList());
  int in = options.channels;
  for (int width : options.conv_widths) {
    convs_->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, width, 3).padding(1)));
    in = width;
  }
  image_projection_ = register_module("image_projection", torch::nn::Linear(in, options.embed_dim));

  words_ = register_module("words", torch::nn::Embedding(vocabulary_size, options.text_width));
  positions_ = register_parameter("positions",
                                  0.01 * torch::randn({options.context, 1, options.text_width}));
  blocks_ = register_module("blocks", torch::nn::ModuleList());
  if (options.text_encoder == "transformer") {
    for (int i = 0; i < options.text_layers; ++i) {
      blocks_->push_back(TextBlock(options.text_width, options.text_heads));
    }
  }
  text_norm_ =
      register_module("text_norm", torch::nn::LayerNorm(std::vector<int64_t>{options.text_width}));
  text_projection_ =
      register_module("text_projection", torch::nn::Linear(options.text_width, options.embed_dim));
}

torch::Tensor ClipNetImpl::EncodeImages(const torch::Tensor& pixels) {
  torch::Tensor x = (pixels - mean_) / std_;
  for (size_t i = 0; i < convs_->size(); ++i) {
    x = torch::relu(convs_[i]->as<torch::nn::Conv2d>()->forward(x));
    if (i + 1 < convs_->size()) x = torch::max_pool2d(x, 2);
  }
  x = image_projection_(x.mean({2, 3}));
  return torch::nn::functional::normalize(x, torch::nn::functional::NormalizeFuncOptions().dim(1));
}

torch::Tensor ClipNetImpl::EncodeTokens(const torch::Tensor& ids) {
  torch::Tensor pad = ids.eq(0);                   // [N, L]
  torch::Tensor x = words_(ids.t()) + positions_;  // [L, N, W]
  for (const auto& block : *blocks_) x = block->as<TextBlock>()->forward(x, pad);
  // Mean over the caption's words (a caption of only unknown words still
  // has them: unknown is a token, padding is not).
  torch::Tensor keep = (~pad).t().unsqueeze(2).to(x.dtype());  // [L, N, 1]
  x = (text_norm_(x) * keep).sum(0) / keep.sum(0).clamp_min(1);
  x = text_projection_(x);
  return torch::nn::functional::normalize(x, torch::nn::functional::NormalizeFuncOptions().dim(1));
}

torch::Tensor ClipNetImpl::LogitScale() {
  return log_scale_.clamp_max(std::log(options_.max_logit_scale)).exp();
}

void ClipNetImpl::ClampLogitScale() {
  torch::NoGradGuard no_grad;
  log_scale_.clamp_(0, std::log(options_.max_logit_scale));
}

}  // namespace advlab::adversarial
