#pragma once
// Labelled images as bytes, the form both loaders produce and the torch side
// consumes: n images of channels x height x width, row-major, 0..255.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace advlab::adversarial {

struct ImageSet {
  int channels = 1, height = 0, width = 0;
  std::vector<uint8_t> pixels;
  std::vector<int> labels;
  // Class names in label order, where the source names them (image folders);
  // empty for IDX files, whose classes are named by the label-set file.
  std::vector<std::string> class_names;

  size_t size() const { return labels.size(); }
  size_t image_bytes() const { return static_cast<size_t>(channels) * height * width; }
  // The first `count` images (all when count is 0 or larger than the set).
  ImageSet First(size_t count) const;
};

}  // namespace advlab::adversarial
