#pragma once
// What zero-shot classification and the attacks need from a CLIP-like model,
// whether it is the lab's own (ClipModel) or an external TorchScript file
// (TorchScriptClip). Images enter as [N, C, H, W] pixels in [0, 1]: resizing
// and normalisation happen inside, differentiably, so every attack works in
// pixel space (the reference's consequence 1).
#include <torch/torch.h>

#include <string>
#include <vector>

namespace advlab::adversarial {

class DualEncoder {
 public:
  virtual ~DualEncoder() = default;

  // Unit-norm image embeddings [N, D], differentiable with respect to pixels.
  virtual torch::Tensor EncodeImages(const torch::Tensor& pixels) = 0;
  // Unit-norm text embeddings [T, D] (computed without gradients).
  virtual torch::Tensor EncodeTexts(const std::vector<std::string>& texts) = 0;
  // exp(logit_scale), already capped at the model's maximum (100 for CLIP).
  virtual double LogitScale() = 0;
  // Per-channel standard deviation of the model's input normalisation; Fort's
  // descent steps in normalised coordinates, which is pixels scaled by it.
  virtual std::vector<double> PixelStd() const = 0;
  virtual int channels() const = 0;
  virtual torch::Device device() const = 0;
  virtual std::string Describe() const = 0;
};

}  // namespace advlab::adversarial
