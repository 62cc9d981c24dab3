#pragma once
// The lab's own dual encoder as a DualEncoder: ClipNet plus its word
// tokenizer, saved to and loaded from one checkpoint (net, tokenizer
// vocabulary and the net's options, so loading needs no config).
#include <filesystem>
#include <memory>

#include "adversarial/clip_net.h"
#include "adversarial/dual_encoder.h"
#include "adversarial/word_tokenizer.h"

namespace advlab::adversarial {

class ClipModel : public DualEncoder {
 public:
  ClipModel(const ClipNetOptions& options, WordTokenizer tokenizer, torch::Device device);

  static std::unique_ptr<ClipModel> Load(const std::filesystem::path& checkpoint,
                                         torch::Device device);
  void Save(const std::filesystem::path& checkpoint);

  torch::Tensor EncodeImages(const torch::Tensor& pixels) override;
  torch::Tensor EncodeTexts(const std::vector<std::string>& texts) override;
  double LogitScale() override;
  std::vector<double> PixelStd() const override { return net_->options().pixel_std; }
  int channels() const override { return net_->options().channels; }
  torch::Device device() const override { return device_; }
  std::string Describe() const override;

  // Token ids [N, context] for training captions.
  torch::Tensor Tokenize(const std::vector<std::string>& texts) const;
  ClipNet& net() { return net_; }
  const WordTokenizer& tokenizer() const { return tokenizer_; }

 private:
  ClipNet net_;
  WordTokenizer tokenizer_;
  torch::Device device_;
};

}  // namespace advlab::adversarial
