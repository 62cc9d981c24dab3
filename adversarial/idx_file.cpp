#include "adversarial/idx_file.h"

#include "adversarial/gzip_file.h"

#include <string>

#include "core/error.h"

namespace advlab::adversarial {
namespace {

uint32_t BigEndian(const std::string& bytes, size_t offset) {
  auto byte = [&](size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(bytes[i])); };
  return byte(offset) << 24 | byte(offset + 1) << 16 | byte(offset + 2) << 8 | byte(offset + 3);
}

// Checks the magic number (0x08 = unsigned bytes, then the rank) and returns
// the dimension sizes after confirming the payload has exactly that many bytes.
std::vector<uint32_t> Header(const std::string& bytes, const std::filesystem::path& path,
                             int rank) {
  const size_t header = 4 + 4 * static_cast<size_t>(rank);
  if (bytes.size() < header) throw InputError(path.string() + ": too short for an IDX header");
  uint32_t magic = BigEndian(bytes, 0);
  if (magic != (0x0800u | static_cast<uint32_t>(rank))) {
    char hex[16];
    std::snprintf(hex, sizeof(hex), "0x%08x", magic);
    throw InputError(path.string() + ": IDX magic " + hex + ", expected unsigned bytes of rank " +
                     std::to_string(rank));
  }
  std::vector<uint32_t> dims;
  size_t expected = 1;
  for (int d = 0; d < rank; ++d) {
    dims.push_back(BigEndian(bytes, 4 + 4 * d));
    // Three 32-bit sizes can overflow 64 bits and wrap to the file's length.
    if (dims.back() != 0 && expected > bytes.size() / dims.back()) {
      throw InputError(path.string() + ": IDX header promises more bytes than the file holds");
    }
    expected *= dims.back();
  }
  if (bytes.size() != header + expected) {
    throw InputError(path.string() + ": IDX header promises " + std::to_string(expected) +
                     " bytes of data, file holds " + std::to_string(bytes.size() - header));
  }
  return dims;
}

}  // namespace

ImageSet ReadIdx(const std::filesystem::path& images, const std::filesystem::path& labels) {
  std::string image_bytes = ReadMaybeGzip(images, "file (is dataset-fashion-mnist installed?)");
  std::string label_bytes = ReadMaybeGzip(labels, "file (is dataset-fashion-mnist installed?)");
  std::vector<uint32_t> image_dims = Header(image_bytes, images, 3);
  std::vector<uint32_t> label_dims = Header(label_bytes, labels, 1);
  if (image_dims[0] != label_dims[0]) {
    throw InputError(labels.string() + ": " + std::to_string(label_dims[0]) + " labels for " +
                     std::to_string(image_dims[0]) + " images in " + images.string());
  }
  ImageSet set;
  set.channels = 1;
  set.height = static_cast<int>(image_dims[1]);
  set.width = static_cast<int>(image_dims[2]);
  set.pixels.assign(image_bytes.begin() + 16, image_bytes.end());
  set.labels.reserve(label_dims[0]);
  for (size_t i = 8; i < label_bytes.size(); ++i) {
    set.labels.push_back(static_cast<uint8_t>(label_bytes[i]));
  }
  return set;
}

ImageSet ImageSet::First(size_t count) const {
  if (count == 0 || count >= size()) return *this;
  ImageSet subset = *this;
  subset.labels.resize(count);
  subset.pixels.resize(count * image_bytes());
  return subset;
}

}  // namespace advlab::adversarial
