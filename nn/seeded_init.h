#pragma once
// LibTorch initialises a module's weights from its global generator, so a
// seeded module is built as "manual_seed, then construct", and two threads
// doing that at once would interleave their draws. Every such construction
// goes through this one lock, whichever module builds what.
#include <torch/torch.h>

#include <mutex>

namespace advlab::nn {

inline std::mutex& InitialisationLock() {
  static std::mutex lock;
  return lock;
}

// Returns make() built with the global generator seeded with `seed`.
template <typename Make>
auto SeededInit(uint64_t seed, Make make) {
  const std::lock_guard<std::mutex> guard(InitialisationLock());
  torch::manual_seed(seed);
  return make();
}

}  // namespace advlab::nn
