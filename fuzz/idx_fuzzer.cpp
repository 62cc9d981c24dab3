// The IDX reader (adversarial/idx_file.h) through real files, as the CLIP jobs
// read them: the first two bytes say how many of the rest are the labels file,
// the remainder is the images file. Any bytes give a consistent image set or an
// InputError.
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string>

#include "adversarial/idx_file.h"
#include "core/error.h"

namespace {

std::string Scratch(const char* name) {
  return "/tmp/advlab-fuzz-" + std::to_string(getpid()) + "-" + name;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const size_t label_bytes = std::min<size_t>((data[0] << 8 | data[1]), size - 2);
  const std::string labels(reinterpret_cast<const char*>(data) + 2, label_bytes);
  const std::string images(reinterpret_cast<const char*>(data) + 2 + label_bytes,
                           size - 2 - label_bytes);
  const std::string images_path = Scratch("images"), labels_path = Scratch("labels");
  std::ofstream(images_path, std::ios::binary | std::ios::trunc) << images;
  std::ofstream(labels_path, std::ios::binary | std::ios::trunc) << labels;
  try {
    advlab::adversarial::ImageSet set = advlab::adversarial::ReadIdx(images_path, labels_path);
    if (set.pixels.size() != set.size() * set.image_bytes()) __builtin_trap();
  } catch (const advlab::InputError&) {
  }
  return 0;
}
