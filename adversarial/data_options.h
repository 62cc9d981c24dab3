#pragma once
// Where images come from, read from YAML in one place.
//
//   key                 default                            meaning
//   data.source         fashion_mnist                      fashion_mnist | folder
//   data.root           /usr/share/datasets/fashion-mnist  IDX files, or root/<class>/*.png
//   data.channels       1                                  folder only: 1 (grey) or 3 (RGB)
//   data.size           28                                 folder only: resized to size x size
//   data.train_images   0                                  first N training images (0: all)
//   data.test_images    0                                  first N test images (0: all)
//   data.test_fraction  0.2                                folder without train/test: share
//                                                          held out
//   data.split_seed     0                                  folder without train/test: which
//                                                          images are held out
//
// A folder source with root/train and root/test uses them as the splits.
// Otherwise root is split once, per class (stratified), the same way for a
// given split seed, so no image is both trained on and evaluated;
// data.test_fraction: 0 asks explicitly to evaluate on the training images.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "adversarial/image_set.h"

namespace advlab::core {
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
  double test_fraction = 0.2;
  uint64_t split_seed = 0;
};

// `test_images` is the default of data.test_images (jobs differ).
DataOptions ReadDataOptions(core::Config& config, size_t test_images = 0);

// split: "train" or "test".
ImageSet LoadSplit(const DataOptions& options, const std::string& split);
// Where each split comes from, for reports ("root/train and root/test", ...).
std::string DescribeSplits(const DataOptions& options);
// The train or test part of `all`: per class, round(fraction x count) images
// (at least one when the class has two or more) drawn with the seed's stream.
ImageSet StratifiedPart(const ImageSet& all, double fraction, uint64_t seed, bool test);

}  // namespace advlab::adversarial
