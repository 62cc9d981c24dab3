#include "report/image.h"

#include <opencv2/imgcodecs.hpp>

#include "core/error.h"

namespace advlab::report {

void WritePng(const std::filesystem::path& path, const cv::Mat& image) {
  // imwrite picks the codec from the extension, so the temporary keeps ".png".
  std::filesystem::path tmp = path;
  tmp.replace_extension(".tmp.png");
  // Level pictures and grey image grids are mostly flat colour: zlib's
  // strongest setting makes them a third smaller for little time.
  if (!cv::imwrite(tmp.string(), image, {cv::IMWRITE_PNG_COMPRESSION, 9})) {
    throw InputError(path.string() + ": cannot write PNG");
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace advlab::report
