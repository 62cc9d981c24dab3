#pragma once
// The lab's CLIP-style dual encoder (Radford et al. 2021, scaled down):
// a small CNN image encoder and a word-embedding text encoder (a pre-norm
// transformer, or plain mean pooling), each projected into one space and
// L2-normalised, with CLIP's learnable logit scale.
#include <torch/torch.h>

#include "adversarial/clip_options.h"

namespace advlab::adversarial {

class TextBlockImpl : public torch::nn::Module {
 public:
  TextBlockImpl(int width, int heads);
  // x: [L, N, W]; pad: [N, L], true at padding.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& pad);

 private:
  torch::nn::LayerNorm norm1_{nullptr}, norm2_{nullptr};
  torch::nn::MultiheadAttention attention_{nullptr};
  torch::nn::Linear hidden_{nullptr}, output_{nullptr};
};
TORCH_MODULE(TextBlock);

class ClipNetImpl : public torch::nn::Module {
 public:
  ClipNetImpl(const ClipNetOptions& options, int64_t vocabulary_size);

  // pixels [N, C, H, W] in [0, 1] -> unit embeddings [N, D].
  torch::Tensor EncodeImages(const torch::Tensor& pixels);
  // ids [N, L] (0 = padding) -> unit embeddings [N, D].
  torch::Tensor EncodeTokens(const torch::Tensor& ids);
  // exp(log scale) with the log scale clipped at log(max_logit_scale).
  torch::Tensor LogitScale();
  // Called after each optimiser step, as CLIP clamps its parameter.
  void ClampLogitScale();

  const ClipNetOptions& options() const { return options_; }

 private:
  ClipNetOptions options_;
  torch::Tensor mean_, std_, log_scale_;
  torch::nn::ModuleList convs_;
  torch::nn::Linear image_projection_{nullptr};
  torch::nn::Embedding words_{nullptr};
  torch::Tensor positions_;
  torch::nn::ModuleList blocks_;
  torch::nn::LayerNorm text_norm_{nullptr};
  torch::nn::Linear text_projection_{nullptr};
};
TORCH_MODULE(ClipNet);

}  // namespace advlab::adversarial
