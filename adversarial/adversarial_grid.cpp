#include "adversarial/adversarial_grid.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <opencv2/imgproc.hpp>

#include "report/image.h"

namespace advlab::adversarial {
namespace {

constexpr int kTile = 112;  // images are drawn 4x for 28-pixel inputs
constexpr int kPad = 8;
constexpr int kNumberWidth = 40;  // the example's number (up to 3 digits), left of its row
constexpr int kHeader = 24;

// One image as an 8-bit tile: grey for one channel, BGR for three.
cv::Mat ToTile(const GridExample& e, const std::vector<float>& chw) {
  const bool grey = e.channels == 1;
  cv::Mat image(e.height, e.width, grey ? CV_8UC1 : CV_8UC3);
  for (int y = 0; y < e.height; ++y) {
    for (int x = 0; x < e.width; ++x) {
      for (int c = 0; c < (grey ? 1 : 3); ++c) {
        float v = chw[(static_cast<size_t>(c) * e.height + y) * e.width + x];
        auto byte = static_cast<uint8_t>(std::lround(255 * std::clamp(v, 0.0f, 1.0f)));
        if (grey) {
          image.at<uint8_t>(y, x) = byte;
        } else {
          image.at<cv::Vec3b>(y, x)[2 - c] = byte;
        }
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
  const bool grey = examples.empty() || examples.front().channels == 1;
  const int type = grey ? CV_8UC1 : CV_8UC3;
  const cv::Scalar white = grey ? cv::Scalar(255) : cv::Scalar(255, 255, 255);
  const cv::Scalar ink = grey ? cv::Scalar(0) : cv::Scalar(0, 0, 0);
  const int rows = static_cast<int>(std::max<size_t>(examples.size(), 1));
  cv::Mat canvas(kHeader + rows * (kTile + kPad), kNumberWidth + 3 * (kTile + kPad), type, white);
  const char* headings[] = {"clean", "adversarial", "change"};
  for (int i = 0; i < 3; ++i) {
    cv::putText(canvas, headings[i], cv::Point(kNumberWidth + i * (kTile + kPad), 16),
                cv::FONT_HERSHEY_SIMPLEX, 0.42, ink, 1, cv::LINE_AA);
  }
  for (size_t row = 0; row < examples.size(); ++row) {
    const GridExample& e = examples[row];
    const int top = kHeader + static_cast<int>(row) * (kTile + kPad);
    cv::putText(canvas, std::to_string(row + 1), cv::Point(2, top + kTile / 2 + 6),
                cv::FONT_HERSHEY_SIMPLEX, row + 1 >= 100 ? 0.42 : 0.55, ink, 1, cv::LINE_AA);
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
      ToTile(e, *tiles[i])
          .copyTo(canvas(cv::Rect(kNumberWidth + i * (kTile + kPad), top, kTile, kTile)));
    }
  }
  report::WritePng(png, canvas);
}

}  // namespace advlab::adversarial
