#include "nn/checkpoint.h"

#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace advlab::nn {
namespace {

// Every checkpoint ends in a fixed-size text trailer with the CRC-32 and the
// size of the archive before it, so a flipped byte or a truncated copy is
// caught on load instead of loading silently different weights. It is part of
// the one file that is renamed into place, so archive and checksum are
// written atomically together.
constexpr const char* kTrailerFormat = "\nadvlab-checkpoint crc32=%08lx size=%016llx\n";
constexpr size_t kTrailerSize = 56;  // strlen of the formatted trailer

}  // namespace

std::string ChecksumTrailer(const std::string& payload) {
  const unsigned long crc =
      crc32(0L, reinterpret_cast<const Bytef*>(payload.data()), static_cast<uInt>(payload.size()));
  char trailer[kTrailerSize + 1];
  std::snprintf(trailer, sizeof(trailer), kTrailerFormat, crc,
                static_cast<unsigned long long>(payload.size()));
  return trailer;
}

namespace {

// The archive bytes of a checkpoint file, checked against its trailer.
std::string VerifiedPayload(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw InputError(path.string() + ": cannot read the checkpoint");
  if (bytes.size() < kTrailerSize ||
      bytes.compare(bytes.size() - kTrailerSize, 20, "\nadvlab-checkpoint c") != 0) {
    throw InputError(path.string() +
                     ": not an advlab checkpoint (no checksum trailer: truncated, or written by "
                     "another program or an older advlab)");
  }
  std::string payload = bytes.substr(0, bytes.size() - kTrailerSize);
  if (ChecksumTrailer(payload) != bytes.substr(payload.size())) {
    throw InputError(path.string() +
                     ": checksum mismatch: the checkpoint is corrupt (changed after it was "
                     "written)");
  }
  return payload;
}

// LibTorch's archive reader throws c10::Error, torch::jit::ErrorReport or
// other std::exceptions on malformed archives; the first line of the message
// is the reason (the rest is a backtrace or source context).
std::string Reason(const std::exception& e) {
  const auto* error = dynamic_cast<const c10::Error*>(&e);
  std::string text = error ? error->what_without_backtrace() : e.what();
  return text.substr(0, text.find('\n'));
}

}  // namespace

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
  std::ostringstream archive;
  archive_.save_to(archive);
  const std::string payload = archive.str();
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << payload << ChecksumTrailer(payload);
    out.close();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      throw InputError(tmp.string() + ": cannot write the checkpoint");
    }
  }
  std::filesystem::rename(tmp, path);
}

CheckpointReader::CheckpointReader(const std::filesystem::path& path) : path_(path) {
  if (!std::filesystem::exists(path)) throw InputError(path.string() + ": no such checkpoint");
  std::istringstream payload(VerifiedPayload(path));
  try {
    archive_.load_from(payload);
  } catch (const std::exception& e) {
    throw InputError(path.string() + ": not a readable advlab checkpoint (" + Reason(e) + ")");
  }
}

void CheckpointReader::Fail(const std::string& name, const std::string& why) const {
  throw InputError(path_.string() + ": checkpoint entry '" + name + "': " + why);
}

torch::Tensor CheckpointReader::Tensor(const std::string& name) {
  torch::Tensor tensor;
  try {
    archive_.read(name, tensor);
  } catch (const std::exception& e) {
    Fail(name, "missing or unreadable");
  }
  return tensor;
}

void CheckpointReader::Module(const std::string& name, torch::nn::Module& module) {
  torch::serialize::InputArchive sub;
  try {
    archive_.read(name, sub);
    module.load(sub);
  } catch (const std::exception& e) {
    Fail(name, "does not match this network (" + Reason(e) + ")");
  }
}

void CheckpointReader::Optimizer(const std::string& name, torch::optim::Optimizer& optimizer) {
  torch::serialize::InputArchive sub;
  try {
    archive_.read(name, sub);
    optimizer.load(sub);
  } catch (const std::exception& e) {
    Fail(name, "missing or unreadable optimiser state (" + Reason(e) + ")");
  }
}

void CheckpointReader::Generator(const std::string& name, at::Generator& generator) {
  torch::Tensor state = Tensor(name);
  try {
    generator.set_state(state);
  } catch (const std::exception& e) {
    Fail(name, "not a generator state (" + Reason(e) + ")");
  }
}

int64_t CheckpointReader::Integer(const std::string& name) {
  torch::Tensor value = Tensor(name);
  if (value.numel() != 1 || value.scalar_type() != torch::kLong) Fail(name, "not an integer");
  return value.item<int64_t>();
}

std::string CheckpointReader::Text(const std::string& name) {
  torch::Tensor bytes = Tensor(name);
  if (bytes.scalar_type() != torch::kUInt8 || bytes.dim() != 1) Fail(name, "not text");
  bytes = bytes.contiguous();
  return std::string(reinterpret_cast<const char*>(bytes.data_ptr<uint8_t>()), bytes.numel());
}

}  // namespace advlab::nn
