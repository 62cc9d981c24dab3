#pragma once
// Where images come from, read from YAML in one place.
//
//   key                 default                            meaning
//   data.source         fashion_mnist                      fashion_mnist | folder
//   data.root           /usr/share/datasets/fashion-mnist  IDX files, or root/<class>/*.png
//   data.channels       1                                  folder only: 1 (grey) or 3 (RGB)
//   data.size           28                                 folder only: images resized to size x
//   size data.train_images   0                                  first N training images (0: all)
//   data.test_images    0                                  first N test images (0: all)
//
// A folder source with root/train and root/test uses them as the splits;
// otherwise both splits read root itself.
#include <cstddef>
#include <filesystem>
#include <string>

#include "adversarial/image_set.h"

namespace advlab::report {
class Config;
}

namespace advlab::adversarial {

struct DataOptions {
  std::string source = "fashion_mnist";
  std::filesystem::path root = "/usr/share/datasets/fashion-mnist";
  int channels = 1;
  int size = 28;
  size_t train_images = 0;
  size_t test_images = 0;
};

// `test_images` is the default of data.test_images (jobs differ).
DataOptions ReadDataOptions(report::Config& config, size_t test_images = 0);

// split: "train" or "test".
ImageSet LoadSplit(const DataOptions& options, const std::string& split);

}  // namespace advlab::adversarial
