#pragma once
// Checkpoints as one LibTorch archive holding named modules, optimisers,
// generator states, integers and text. Written to "<path>.tmp" and renamed,
// so a crash mid-write leaves the previous checkpoint intact. Loading errors
// (missing file, wrong key, corrupt data) are InputErrors naming the file.
#include <torch/torch.h>

#include <filesystem>
#include <string>

namespace advlab::nn {

// The trailer that seals an archive's bytes into a checkpoint file (its
// CRC-32 and size); exposed so the loader's fuzzer can reach past it.
std::string ChecksumTrailer(const std::string& archive);

class CheckpointWriter {
 public:
  void Module(const std::string& name, torch::nn::Module& module);
  void Optimizer(const std::string& name, torch::optim::Optimizer& optimizer);
  void Generator(const std::string& name, at::Generator& generator);
  void Integer(const std::string& name, int64_t value);
  void Text(const std::string& name, const std::string& text);
  void Save(const std::filesystem::path& path);

 private:
  torch::serialize::OutputArchive archive_;
};

class CheckpointReader {
 public:
  explicit CheckpointReader(const std::filesystem::path& path);
  void Module(const std::string& name, torch::nn::Module& module);
  void Optimizer(const std::string& name, torch::optim::Optimizer& optimizer);
  void Generator(const std::string& name, at::Generator& generator);
  int64_t Integer(const std::string& name);
  std::string Text(const std::string& name);
  const std::filesystem::path& path() const { return path_; }

 private:
  torch::Tensor Tensor(const std::string& name);
  [[noreturn]] void Fail(const std::string& name, const std::string& why) const;

  std::filesystem::path path_;
  torch::serialize::InputArchive archive_;
};

}  // namespace advlab::nn
