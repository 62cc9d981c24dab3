#pragma once
// PNG output through OpenCV, written atomically (temporary file + rename).
#include <filesystem>

namespace cv {
class Mat;
}

namespace advlab::report {

void WritePng(const std::filesystem::path& path, const cv::Mat& image);

}  // namespace advlab::report
