#include "adversarial/data_options.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <random>

#include "adversarial/idx_file.h"
#include "adversarial/image_folder.h"
#include "core/config.h"
#include "core/seed_streams.h"

namespace advlab::adversarial {

DataOptions ReadDataOptions(core::Config& config, size_t test_images) {
  DataOptions options;
  options.source = config.Choice("data.source", options.source, {"fashion_mnist", "folder"});
  options.root = config.RequiredPath("data.root", options.root.string());
  options.channels = static_cast<int>(config.Int("data.channels", options.channels, 1, 3));
  if (options.channels == 2) config.Fail("data.channels", "must be 1 or 3");
  options.size = static_cast<int>(config.Int("data.size", options.size, 8, 1024));
  options.train_images =
      config.Int("data.train_images", static_cast<int64_t>(options.train_images), 0, 100000000);
  options.test_images = config.Int("data.test_images", test_images, 0, 100000000);
  options.test_fraction = config.Number("data.test_fraction", options.test_fraction, 0.0, 0.9);
  options.split_seed =
      static_cast<uint64_t>(config.Int("data.split_seed", static_cast<int64_t>(options.split_seed),
                                       0, std::numeric_limits<int64_t>::max()));
  if (options.source == "fashion_mnist" && (options.channels != 1 || options.size != 28)) {
    config.Fail(options.channels != 1 ? "data.channels" : "data.size",
                "Fashion-MNIST images are 28 x 28 grey; only folder sources are converted");
  }
  return options;
}

ImageSet LoadSplit(const DataOptions& options, const std::string& split) {
  size_t limit = split == "train" ? options.train_images : options.test_images;
  if (options.source == "fashion_mnist") {
    std::string prefix = split == "train" ? "train" : "t10k";
    // The Debian package ships the files gzipped; a plain copy (as the
    // original distribution unpacks) is read when no .gz is there.
    auto file = [&](const std::string& name) {
      const std::filesystem::path gz = options.root / (name + ".gz");
      const std::filesystem::path plain = options.root / name;
      return std::filesystem::exists(gz) || !std::filesystem::exists(plain) ? gz : plain;
    };
    return ReadIdx(file(prefix + "-images-idx3-ubyte"), file(prefix + "-labels-idx1-ubyte"))
        .First(limit);
  }
  std::filesystem::path root = options.root;
  if (std::filesystem::is_directory(root / split)) {
    return ReadImageFolder(root / split, options.channels, options.size).First(limit);
  }
  ImageSet all = ReadImageFolder(root, options.channels, options.size);
  if (options.test_fraction == 0) return all.First(limit);  // asked for explicitly
  return StratifiedPart(all, options.test_fraction, options.split_seed, split == "test")
      .First(limit);
}

ImageSet StratifiedPart(const ImageSet& all, double fraction, uint64_t seed, bool test) {
  std::map<int, std::vector<size_t>> by_class;
  for (size_t i = 0; i < all.size(); ++i) by_class[all.labels[i]].push_back(i);
  std::vector<size_t> kept;
  for (auto& [label, indices] : by_class) {
    std::mt19937_64 rng(StreamSeed(seed, "data_split", static_cast<uint64_t>(label)));
    std::shuffle(indices.begin(), indices.end(), rng);
    size_t held = static_cast<size_t>(std::lround(fraction * indices.size()));
    if (held == 0 && indices.size() >= 2) held = 1;
    const size_t begin = test ? 0 : held, end = test ? held : indices.size();
    kept.insert(kept.end(), indices.begin() + begin, indices.begin() + end);
  }
  std::sort(kept.begin(), kept.end());  // the folder's order within each part
  ImageSet part = all;
  part.pixels.clear();
  part.labels.clear();
  const size_t bytes = all.image_bytes();
  for (size_t i : kept) {
    part.pixels.insert(part.pixels.end(), all.pixels.begin() + i * bytes,
                       all.pixels.begin() + (i + 1) * bytes);
    part.labels.push_back(all.labels[i]);
  }
  return part;
}

std::string DescribeSplits(const DataOptions& options) {
  const std::string root = options.root.string();
  if (options.source == "fashion_mnist") return "Fashion-MNIST's train and test files in " + root;
  if (std::filesystem::is_directory(options.root / "train") &&
      std::filesystem::is_directory(options.root / "test")) {
    return root + "/train and " + root + "/test";
  }
  if (options.test_fraction == 0) {
    return root + " for both training and evaluation (data.test_fraction: 0, as asked)";
  }
  return "a stratified split of " + root + ": " +
         std::to_string(static_cast<int>(std::lround(100 * options.test_fraction))) +
         "% of each class held out for evaluation (data.split_seed " +
         std::to_string(options.split_seed) + ")";
}

}  // namespace advlab::adversarial
