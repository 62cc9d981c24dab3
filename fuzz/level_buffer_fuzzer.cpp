// The level buffer's text form (paired/level_buffer.h), as read from
// checkpoints: any bytes restore a buffer that samples and serialises the same
// way again, or are a std::runtime_error.
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>

#include "paired/level_buffer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  advlab::paired::LevelBufferSettings settings;
  settings.capacity = 64;
  advlab::paired::LevelBuffer buffer(settings);
  try {
    buffer.Deserialize(text);
  } catch (const std::runtime_error&) {
    return 0;
  }
  const std::string again = buffer.Serialize();
  advlab::paired::LevelBuffer copy(settings);
  copy.Deserialize(again);
  if (copy.Serialize() != again) __builtin_trap();
  if (buffer.size() > 0) {
    std::mt19937_64 rng(1);
    buffer.Sample(rng);
    (void)buffer.Stats();
  }
  return 0;
}
