// The maze text format (envs/level_text.h): any bytes parse to a valid level
// that survives a round trip, or are an InputError.
#include <cstdint>
#include <string>

#include "core/error.h"
#include "envs/level_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    advlab::envs::Level level = advlab::envs::ParseLevel(text, "fuzz.txt");
    const std::string again = advlab::envs::FormatLevel(level);
    if (advlab::envs::FormatLevel(advlab::envs::ParseLevel(again, "again.txt")) != again) {
      __builtin_trap();  // a parsed level must round-trip
    }
  } catch (const advlab::InputError&) {
  }
  return 0;
}
