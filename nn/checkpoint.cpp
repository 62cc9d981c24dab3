#include "nn/checkpoint.h"

#include <cstring>

#include "report/error.h"

namespace advlab::nn {

void CheckpointWriter::Module(const std::string& name, torch::nn::Module& module) {
  torch::serialize::OutputArchive sub;
  module.save(sub);
  archive_.write(name, sub);
}

void CheckpointWriter::Optimizer(const std::string& name, torch::optim::Optimizer& optimizer) {
  torch::serialize::OutputArchive sub;
  optimizer.save(sub);
  archive_.write(name, sub);
}

void CheckpointWriter::Generator(const std::string& name, at::Generator& generator) {
  archive_.write(name, generator.get_state());
}

void CheckpointWriter::Integer(const std::string& name, int64_t value) {
  archive_.write(name, torch::tensor(value, torch::kLong));
}

void CheckpointWriter::Text(const std::string& name, const std::string& text) {
  torch::Tensor bytes = torch::empty({static_cast<int64_t>(text.size())}, torch::kUInt8);
  std::memcpy(bytes.data_ptr<uint8_t>(), text.data(), text.size());
  archive_.write(name, bytes);
}

void CheckpointWriter::Save(const std::filesystem::path& path) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  archive_.save_to(tmp.string());
  std::filesystem::rename(tmp, path);
}

CheckpointReader::CheckpointReader(const std::filesystem::path& path) : path_(path) {
  if (!std::filesystem::exists(path)) throw InputError(path.string() + ": no such checkpoint");
  try {
    archive_.load_from(path.string());
  } catch (const c10::Error& e) {
    throw InputError(path.string() + ": not a readable advlab checkpoint (" +
                     std::string(e.what_without_backtrace()) + ")");
  }
}

void CheckpointReader::Fail(const std::string& name, const std::string& why) const {
  throw InputError(path_.string() + ": checkpoint entry '" + name + "': " + why);
}

torch::Tensor CheckpointReader::Tensor(const std::string& name) {
  torch::Tensor tensor;
  try {
    archive_.read(name, tensor);
  } catch (const c10::Error& e) {
    Fail(name, "missing or unreadable");
  }
  return tensor;
}

void CheckpointReader::Module(const std::string& name, torch::nn::Module& module) {
  torch::serialize::InputArchive sub;
  try {
    archive_.read(name, sub);
    module.load(sub);
  } catch (const c10::Error& e) {
    Fail(name, "does not match this network (" + std::string(e.what_without_backtrace()) + ")");
  }
}

void CheckpointReader::Optimizer(const std::string& name, torch::optim::Optimizer& optimizer) {
  torch::serialize::InputArchive sub;
  try {
    archive_.read(name, sub);
    optimizer.load(sub);
  } catch (const c10::Error& e) {
    Fail(name, "missing or unreadable optimiser state");
  }
}

void CheckpointReader::Generator(const std::string& name, at::Generator& generator) {
  generator.set_state(Tensor(name));
}

int64_t CheckpointReader::Integer(const std::string& name) { return Tensor(name).item<int64_t>(); }

std::string CheckpointReader::Text(const std::string& name) {
  torch::Tensor bytes = Tensor(name).contiguous();
  if (bytes.scalar_type() != torch::kUInt8) Fail(name, "not text");
  return std::string(reinterpret_cast<const char*>(bytes.data_ptr<uint8_t>()), bytes.numel());
}

}  // namespace advlab::nn
