#include "adversarial/image_folder.h"

#include <algorithm>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/error.h"

namespace advlab::adversarial {
namespace {

bool IsImage(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

template <typename Collect>
std::vector<std::filesystem::path> Sorted(const std::filesystem::path& dir, Collect keep) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (keep(entry)) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

ImageSet ReadImageFolder(const std::filesystem::path& root, int channels, int size) {
  if (!std::filesystem::is_directory(root)) {
    throw InputError(root.string() + ": no such image folder (expected root/<class>/*.png)");
  }
  ImageSet set;
  set.channels = channels;
  set.height = set.width = size;
  auto classes = Sorted(root, [](const auto& entry) { return entry.is_directory(); });
  if (classes.empty()) throw InputError(root.string() + ": no class folders");
  for (size_t label = 0; label < classes.size(); ++label) {
    set.class_names.push_back(classes[label].filename().string());
    auto files = Sorted(classes[label], [](const auto& entry) {
      return entry.is_regular_file() && IsImage(entry.path());
    });
    if (files.empty()) throw InputError(classes[label].string() + ": no .png or .jpg images");
    for (const auto& file : files) {
      cv::Mat image;
      try {
        image = cv::imread(file.string(), channels == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
      } catch (const cv::Exception& e) {
        // OpenCV refuses headers that claim more than 2^30 pixels by throwing.
        throw InputError(file.string() + ": not a readable image (" + e.msg + ")");
      }
      if (image.empty()) throw InputError(file.string() + ": not a readable image");
      if (channels == 3) cv::cvtColor(image, image, cv::COLOR_BGR2RGB);
      if (image.rows != size || image.cols != size) {
        cv::resize(image, image, cv::Size(size, size), 0, 0, cv::INTER_AREA);
      }
      // OpenCV interleaves channels (HWC); the torch side wants CHW.
      std::vector<cv::Mat> planes;
      cv::split(image, planes);
      for (const cv::Mat& plane : planes) {
        set.pixels.insert(set.pixels.end(), plane.data, plane.data + plane.total());
      }
      set.labels.push_back(static_cast<int>(label));
    }
  }
  return set;
}

}  // namespace advlab::adversarial
