#include "adversarial/torchscript_clip.h"

#include <torch/script.h>

#include <cmath>

#include "core/error.h"

namespace advlab::adversarial {
namespace {

torch::Tensor Unit(const torch::Tensor& x) {
  return torch::nn::functional::normalize(x.to(torch::kFloat),
                                          torch::nn::functional::NormalizeFuncOptions().dim(1));
}

}  // namespace

TorchScriptClip::TorchScriptClip(const TorchScriptOptions& options, torch::Device device)
    : options_(options), device_(device), tokenizer_(options.bpe_merges, options.context) {
  const std::string file = options.model.string();
  if (!std::filesystem::is_regular_file(options.model)) {
    throw InputError(file + ": no such TorchScript model");
  }
  try {
    module_ = std::make_unique<torch::jit::Module>(torch::jit::load(file, device));
  } catch (const c10::Error& e) {
    throw InputError(file + ": not a loadable TorchScript model (" +
                     std::string(e.what_without_backtrace()).substr(0, 200) + ")");
  }
  for (const char* method : {"encode_image", "encode_text"}) {
    if (!module_->find_method(method)) {
      throw InputError(file + ": the TorchScript model has no method " + method);
    }
  }
  module_->to(torch::kFloat);
  module_->eval();
  if (module_->hasattr("logit_scale")) {
    double log_scale = module_->attr("logit_scale").toTensor().item<double>();
    logit_scale_ = std::min(std::exp(log_scale), 100.0);
  }
  auto channel = [](const std::vector<double>& v) {
    return torch::tensor(std::vector<float>(v.begin(), v.end())).view({1, -1, 1, 1});
  };
  mean_ = channel(options.pixel_mean).to(device);
  std_ = channel(options.pixel_std).to(device);
}

TorchScriptClip::~TorchScriptClip() = default;

torch::Tensor TorchScriptClip::EncodeImages(const torch::Tensor& pixels) {
  torch::Tensor x = pixels.size(1) == 1 ? pixels.expand({-1, 3, -1, -1}) : pixels;
  if (x.size(2) != options_.resolution || x.size(3) != options_.resolution) {
    x = torch::nn::functional::interpolate(
        x, torch::nn::functional::InterpolateFuncOptions()
               .size(std::vector<int64_t>{options_.resolution, options_.resolution})
               .mode(torch::kBicubic)
               .align_corners(false));
  }
  x = (x - mean_) / std_;
  return Unit(module_->run_method("encode_image", x).toTensor());
}

torch::Tensor TorchScriptClip::EncodeTexts(const std::vector<std::string>& texts) {
  torch::NoGradGuard no_grad;
  const int64_t context = tokenizer_.context();
  torch::Tensor ids = torch::empty({static_cast<int64_t>(texts.size()), context}, torch::kLong);
  for (size_t i = 0; i < texts.size(); ++i) {
    std::vector<int64_t> encoded = tokenizer_.Encode(texts[i]);
    std::copy(encoded.begin(), encoded.end(), ids.data_ptr<int64_t>() + i * context);
  }
  return Unit(module_->run_method("encode_text", ids.to(device_)).toTensor());
}

std::vector<double> TorchScriptClip::PixelStd() const {
  // Grey images feed all three channels: their effective scale is the mean.
  if (options_.input_channels == 1) {
    double sum = 0;
    for (double s : options_.pixel_std) sum += s;
    return {sum / options_.pixel_std.size()};
  }
  return options_.pixel_std;
}

std::string TorchScriptClip::Describe() const {
  return "TorchScript CLIP " + options_.model.filename().string() + " (resolution " +
         std::to_string(options_.resolution) + ", BPE vocabulary " +
         std::to_string(tokenizer_.vocabulary_size()) + ")";
}

}  // namespace advlab::adversarial
