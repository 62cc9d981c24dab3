// The checkpoint loader (nn/checkpoint.h) past its checksum: every input is
// taken as a checkpoint's archive and sealed with a valid trailer, so the
// bytes reach LibTorch's archive reader and advlab's checks of each entry
// (module, optimiser, generator, integer, text). Loading must succeed or throw
// InputError naming the file; a crash, a sanitizer report or any other
// exception (a c10::Error escaping as exit 1) is a finding.
//
// ADVLAB_FUZZ_WRITE_SEED=FILE writes the seed archive (a real checkpoint of
// the entries below, without its trailer) and exits.
#include <ATen/CPUGeneratorImpl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.h"
#include "nn/checkpoint.h"

namespace {

namespace fs = std::filesystem;

struct Entries {
  torch::nn::Linear net{2, 3};
  torch::optim::Adam adam{net->parameters(), torch::optim::AdamOptions(1e-3)};
  at::Generator rng = at::make_generator<at::CPUGeneratorImpl>(7);
};

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void WriteSeed(const fs::path& seed) {
  Entries entries;
  entries.net->forward(torch::ones({1, 2})).sum().backward();
  entries.adam.step();  // so the optimiser has per-parameter state
  advlab::nn::CheckpointWriter writer;
  writer.Module("net", *entries.net);
  writer.Optimizer("adam", entries.adam);
  writer.Generator("rng", entries.rng);
  writer.Integer("updates", 12);
  writer.Text("options", "hidden: 8\n");
  const fs::path sealed = seed.string() + ".sealed";
  writer.Save(sealed);
  std::string bytes = ReadBytes(sealed);
  fs::remove(sealed);
  bytes.resize(bytes.size() - advlab::nn::ChecksumTrailer("").size());
  std::ofstream(seed, std::ios::binary) << bytes;
}

// Each entry is read on its own, so one bad entry does not hide the others.
template <typename Read>
void Attempt(Read read) {
  try {
    read();
  } catch (const advlab::InputError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  torch::set_num_threads(1);
  if (const char* seed = std::getenv("ADVLAB_FUZZ_WRITE_SEED")) {
    WriteSeed(seed);
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fs::path file =
      fs::temp_directory_path() / ("advlab_fuzz_checkpoint_" + std::to_string(getpid()) + ".pt");
  const std::string archive(reinterpret_cast<const char*>(data), size);
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      << archive << advlab::nn::ChecksumTrailer(archive);
  try {
    advlab::nn::CheckpointReader reader(file);
    Entries entries;
    Attempt([&] { reader.Module("net", *entries.net); });
    Attempt([&] { reader.Optimizer("adam", entries.adam); });
    Attempt([&] { reader.Generator("rng", entries.rng); });
    Attempt([&] { (void)reader.Integer("updates"); });
    Attempt([&] { (void)reader.Text("options"); });
  } catch (const advlab::InputError&) {
  }
  return 0;
}
