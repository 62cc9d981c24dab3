// CLIP's BPE merges file (adversarial/bpe_tokenizer.h): any bytes load as a
// tokenizer that encodes text into context-length ids within its vocabulary,
// or are an InputError.
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string>

#include "adversarial/bpe_tokenizer.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = "/tmp/advlab-fuzz-" + std::to_string(getpid()) + "-merges.txt";
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      << std::string(reinterpret_cast<const char*>(data), size);
  try {
    advlab::adversarial::BpeTokenizer tokenizer(path, 16);
    for (const char* text : {"a photo of a dog", "T-shirt/top", "\xc3\xa9t\xc3\xa9"}) {
      try {
        for (int64_t id : tokenizer.Encode(text)) {
          if (id < 0 || id >= tokenizer.vocabulary_size()) __builtin_trap();
        }
      } catch (const advlab::InputError&) {
      }
    }
  } catch (const advlab::InputError&) {
  }
  return 0;
}
