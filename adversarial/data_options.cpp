#include "adversarial/data_options.h"

#include "adversarial/idx_file.h"
#include "adversarial/image_folder.h"
#include "report/config.h"

namespace advlab::adversarial {

DataOptions ReadDataOptions(report::Config& config, size_t test_images) {
  DataOptions options;
  options.source = config.Choice("data.source", options.source, {"fashion_mnist", "folder"});
  options.root = config.RequiredPath("data.root", options.root.string());
  options.channels = static_cast<int>(config.Int("data.channels", options.channels, 1, 3));
  if (options.channels == 2) config.Fail("data.channels", "must be 1 or 3");
  options.size = static_cast<int>(config.Int("data.size", options.size, 8, 1024));
  options.train_images = config.Int("data.train_images", 0, 0, 100000000);
  options.test_images = config.Int("data.test_images", test_images, 0, 100000000);
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
  if (std::filesystem::is_directory(root / split)) root /= split;
  return ReadImageFolder(root, options.channels, options.size).First(limit);
}

}  // namespace advlab::adversarial
