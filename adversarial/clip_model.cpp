#include "adversarial/clip_model.h"

#include "core/config.h"
#include "core/error.h"
#include "nn/checkpoint.h"

namespace advlab::adversarial {
namespace {
constexpr const char* kKind = "advlab-clip-1";
}

ClipModel::ClipModel(const ClipNetOptions& options, WordTokenizer tokenizer, torch::Device device)
    : net_(options, tokenizer.vocabulary_size()),
      tokenizer_(std::move(tokenizer)),
      device_(device) {
  net_->to(device_);
}

std::unique_ptr<ClipModel> ClipModel::Load(const std::filesystem::path& checkpoint,
                                           torch::Device device) {
  nn::CheckpointReader reader(checkpoint);
  if (reader.Text("kind") != kKind) {
    throw InputError(checkpoint.string() + ": not a CLIP checkpoint of `advlab clip train`");
  }
  core::Config config =
      core::Config::FromString(reader.Text("options"), checkpoint.string() + " (options)");
  ClipNetOptions options = ReadClipNetOptions(config, "");
  WordTokenizer tokenizer = WordTokenizer::FromText(reader.Text("tokenizer"), checkpoint.string());
  auto model = std::make_unique<ClipModel>(options, std::move(tokenizer), torch::kCPU);
  reader.Module("net", *model->net_);
  model->net_->to(device);
  model->device_ = device;
  model->net_->eval();
  return model;
}

void ClipModel::Save(const std::filesystem::path& checkpoint) {
  nn::CheckpointWriter writer;
  writer.Text("kind", kKind);
  writer.Text("options", ClipNetOptionsYaml(net_->options()));
  writer.Text("tokenizer", tokenizer_.ToText());
  writer.Module("net", *net_);
  writer.Save(checkpoint);
}

torch::Tensor ClipModel::Tokenize(const std::vector<std::string>& texts) const {
  const int64_t context = tokenizer_.context();
  torch::Tensor ids = torch::empty({static_cast<int64_t>(texts.size()), context}, torch::kLong);
  int64_t* out = ids.data_ptr<int64_t>();
  for (size_t i = 0; i < texts.size(); ++i) {
    std::vector<int64_t> encoded = tokenizer_.Encode(texts[i]);
    std::copy(encoded.begin(), encoded.end(), out + i * context);
  }
  return ids.to(device_);
}

torch::Tensor ClipModel::EncodeImages(const torch::Tensor& pixels) {
  return net_->EncodeImages(pixels);
}

torch::Tensor ClipModel::EncodeTexts(const std::vector<std::string>& texts) {
  torch::NoGradGuard no_grad;
  return net_->EncodeTokens(Tokenize(texts));
}

double ClipModel::LogitScale() {
  torch::NoGradGuard no_grad;
  return net_->LogitScale().item<double>();
}

std::string ClipModel::Describe() const {
  const ClipNetOptions& o = net_->options();
  std::string widths;
  for (int w : o.conv_widths) widths += (widths.empty() ? "" : "-") + std::to_string(w);
  return "advlab CLIP: CNN " + widths + ", " + o.text_encoder + " text encoder (" +
         std::to_string(tokenizer_.vocabulary_size()) + " words), embedding " +
         std::to_string(o.embed_dim);
}

}  // namespace advlab::adversarial
