#pragma once
// An external OpenAI-CLIP-compatible model: a TorchScript file with methods
// encode_image([N, 3, R, R] normalised) and encode_text([N, context] ids),
// optionally a `logit_scale` parameter (exp taken, capped at 100; 100 when
// absent, as released CLIP models use), and its BPE merges file. The lab's
// [0, 1] pixels are turned into the model's input inside the differentiable
// forward: grey repeated to RGB, bicubic resize to R, CLIP normalisation.
// Attacks run in fp32 (the model is converted), as reference item 11 advises.
#include <filesystem>
#include <memory>

#include "adversarial/bpe_tokenizer.h"
#include "adversarial/dual_encoder.h"
#include "adversarial/torchscript_options.h"

namespace torch::jit {
struct Module;
}

namespace advlab::adversarial {

class TorchScriptClip : public DualEncoder {
 public:
  TorchScriptClip(const TorchScriptOptions& options, torch::Device device);
  ~TorchScriptClip() override;

  torch::Tensor EncodeImages(const torch::Tensor& pixels) override;
  torch::Tensor EncodeTexts(const std::vector<std::string>& texts) override;
  double LogitScale() override { return logit_scale_; }
  std::vector<double> PixelStd() const override;
  int channels() const override { return options_.input_channels; }
  torch::Device device() const override { return device_; }
  std::string Describe() const override;

 private:
  TorchScriptOptions options_;
  torch::Device device_;
  std::unique_ptr<torch::jit::Module> module_;
  BpeTokenizer tokenizer_;
  torch::Tensor mean_, std_;
  double logit_scale_ = 100;
};

}  // namespace advlab::adversarial
