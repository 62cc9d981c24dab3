#include "envs/life_render.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace advlab::envs::life {
namespace {

cv::Scalar CellColour(Cell c) {
  if (c & kExitFlag) return cv::Scalar(250, 250, 250);  // drawn on top
  if (c & kAgentFlag) return cv::Scalar(250, 250, 250);
  if (c == kWall) return cv::Scalar(60, 60, 60);
  if (c == kTree) return cv::Scalar(40, 90, 30);
  if (!IsAlive(c)) return cv::Scalar(250, 250, 250);
  if (!(c & kDestructible)) return cv::Scalar(20, 20, 20);  // hard life
  switch (c & kColourBits) {
    case kRed:
      return cv::Scalar(50, 50, 210);
    case kGreen:
      return cv::Scalar(60, 170, 60);
    case kBlue:
      return cv::Scalar(200, 120, 40);
    default:
      return cv::Scalar(130, 130, 130);
  }
}

}  // namespace

cv::Mat RenderLifeBoard(const Board& board, bool exit_open, int px) {
  cv::Mat image(board.height * px, board.width * px, CV_8UC3, cv::Scalar(250, 250, 250));
  for (int y = 0; y < board.height; ++y) {
    for (int x = 0; x < board.width; ++x) {
      const Cell c = board.at(x, y);
      const cv::Rect rect(x * px, y * px, px, px);
      const bool goal = board.goals[static_cast<size_t>(board.Index(x, y))] == kBlueGoal;
      if (goal && c == kEmpty) cv::rectangle(image, rect, cv::Scalar(250, 225, 200), cv::FILLED);
      if (c != kEmpty) cv::rectangle(image, rect, CellColour(c), cv::FILLED);
      if (goal) cv::rectangle(image, rect, cv::Scalar(200, 110, 30), std::max(1, px / 6));
      cv::rectangle(image, rect, cv::Scalar(225, 225, 225), 1);
      const cv::Point centre(x * px + px / 2, y * px + px / 2);
      if (c & kAgentFlag) {
        cv::circle(image, centre, px * 2 / 5, cv::Scalar(0, 200, 240), cv::FILLED, cv::LINE_AA);
      }
      if (c & kExitFlag) {
        const cv::Scalar colour = exit_open ? cv::Scalar(60, 170, 60) : cv::Scalar(50, 50, 210);
        cv::rectangle(image, cv::Rect(x * px + px / 5, y * px + px / 5, px * 3 / 5, px * 3 / 5),
                      colour, cv::FILLED);
      }
    }
  }
  return image;
}

cv::Mat RenderLifeStrip(const std::vector<cv::Mat>& frames,
                        const std::vector<std::string>& captions, int columns) {
  if (frames.empty()) return cv::Mat(1, 1, CV_8UC3, cv::Scalar(255, 255, 255));
  const int w = frames[0].cols, h = frames[0].rows, caption = 18, gap = 6;
  columns = std::max(1, std::min(columns, static_cast<int>(frames.size())));
  const int rows = (static_cast<int>(frames.size()) + columns - 1) / columns;
  cv::Mat strip(rows * (h + caption + gap), columns * (w + gap), CV_8UC3,
                cv::Scalar(255, 255, 255));
  for (size_t i = 0; i < frames.size(); ++i) {
    const int ox = static_cast<int>(i) % columns * (w + gap);
    const int oy = static_cast<int>(i) / columns * (h + caption + gap);
    frames[i].copyTo(strip(cv::Rect(ox, oy, w, h)));
    if (i < captions.size()) {
      cv::putText(strip, captions[i], cv::Point(ox, oy + h + caption - 5), cv::FONT_HERSHEY_SIMPLEX,
                  0.4, cv::Scalar(40, 40, 40), 1, cv::LINE_AA);
    }
  }
  return strip;
}

}  // namespace advlab::envs::life
