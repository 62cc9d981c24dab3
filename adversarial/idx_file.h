#pragma once
// The IDX format of MNIST and Fashion-MNIST (big-endian magic, dimension
// sizes, then unsigned bytes), read gzip-compressed or plain: zlib reads a
// plain file transparently. Any mismatch is an InputError naming the file.
#include <filesystem>

#include "adversarial/image_set.h"

namespace advlab::adversarial {

ImageSet ReadIdx(const std::filesystem::path& images, const std::filesystem::path& labels);

}  // namespace advlab::adversarial
