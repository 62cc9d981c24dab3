#include "adversarial/adversarial_grid.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "report/image.h"

namespace advlab::adversarial {
namespace {

constexpr int kTile = 112;  // images are drawn 4x for 28-pixel inputs
constexpr int kTextWidth = 980;
constexpr int kLineHeight = 15;
constexpr int kPad = 8;

cv::Mat ToTile(const GridExample& e, const std::vector<float>& chw) {
  cv::Mat image(e.height, e.width, CV_8UC3);
  for (int y = 0; y < e.height; ++y) {
    for (int x = 0; x < e.width; ++x) {
      cv::Vec3b& pixel = image.at<cv::Vec3b>(y, x);
      for (int c = 0; c < 3; ++c) {
        int channel = e.channels == 1 ? 0 : c;
        float v = chw[(static_cast<size_t>(channel) * e.height + y) * e.width + x];
        pixel[2 - c] = static_cast<uint8_t>(std::lround(255 * std::clamp(v, 0.0f, 1.0f)));
      }
    }
  }
  cv::Mat tile;
  cv::resize(image, tile, cv::Size(kTile, kTile), 0, 0, cv::INTER_NEAREST);
  return tile;
}

}  // namespace

void WriteAdversarialGrid(const std::vector<GridExample>& examples,
                          const std::filesystem::path& png) {
  size_t lines = 1;
  for (const GridExample& e : examples) lines = std::max(lines, e.lines.size());
  const int row_height =
      std::max<int>(kTile + kLineHeight, kLineHeight * static_cast<int>(lines)) + kPad;
  const int header = 22;
  cv::Mat canvas(header + row_height * static_cast<int>(std::max<size_t>(examples.size(), 1)),
                 3 * (kTile + kPad) + kTextWidth, CV_8UC3, cv::Scalar(255, 255, 255));
  const char* headings[] = {"clean", "adversarial", "perturbation (amplified)"};
  for (int i = 0; i < 3; ++i) {
    cv::putText(canvas, headings[i], cv::Point(i * (kTile + kPad), 15), cv::FONT_HERSHEY_SIMPLEX,
                0.38, cv::Scalar(0, 0, 0), 1, cv::LINE_AA);
  }
  for (size_t row = 0; row < examples.size(); ++row) {
    const GridExample& e = examples[row];
    const int top = header + static_cast<int>(row) * row_height;
    // Amplify so the largest change spans half the grey range either way.
    std::vector<float> delta(e.clean.size());
    float largest = 1e-12f;
    for (size_t i = 0; i < delta.size(); ++i) {
      delta[i] = e.adversarial[i] - e.clean[i];
      largest = std::max(largest, std::abs(delta[i]));
    }
    for (float& d : delta) d = 0.5f + 0.5f * d / largest;
    const std::vector<float>* tiles[] = {&e.clean, &e.adversarial, &delta};
    for (int i = 0; i < 3; ++i) {
      ToTile(e, *tiles[i]).copyTo(canvas(cv::Rect(i * (kTile + kPad), top, kTile, kTile)));
    }
    for (size_t l = 0; l < e.lines.size(); ++l) {
      cv::putText(canvas, e.lines[l],
                  cv::Point(3 * (kTile + kPad), top + 11 + kLineHeight * static_cast<int>(l)),
                  cv::FONT_HERSHEY_SIMPLEX, 0.36, cv::Scalar(20, 20, 20), 1, cv::LINE_AA);
    }
  }
  report::WritePng(png, canvas);
}

}  // namespace advlab::adversarial
