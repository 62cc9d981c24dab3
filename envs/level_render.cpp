#include "envs/level_render.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace advlab::envs {
namespace {

const cv::Scalar kWall(60, 60, 60), kFloor(250, 250, 250), kGoal(60, 180, 60),
    kCandidate(170, 225, 170), kAgent(40, 40, 220), kGrid(225, 225, 225), kPath(200, 90, 30);

void DrawAgent(cv::Mat& image, Cell cell, int direction, int px) {
  // A triangle whose tip points in the agent's direction.
  cv::Point2f centre((cell.x + 0.5f) * px, (cell.y + 0.5f) * px);
  cv::Point2f forward(static_cast<float>(kDx[direction]), static_cast<float>(kDy[direction]));
  cv::Point2f right(static_cast<float>(kDx[(direction + 1) & 3]),
                    static_cast<float>(kDy[(direction + 1) & 3]));
  float r = 0.4f * px;
  std::vector<cv::Point> triangle = {centre + forward * r,
                                     centre - forward * r * 0.7f + right * r * 0.8f,
                                     centre - forward * r * 0.7f - right * r * 0.8f};
  cv::fillConvexPoly(image, triangle, kAgent, cv::LINE_AA);
}

}  // namespace

cv::Mat RenderLevel(const Level& level, int px) {
  cv::Mat image(level.height * px, level.width * px, CV_8UC3, kFloor);
  for (int y = 0; y < level.height; ++y) {
    for (int x = 0; x < level.width; ++x) {
      cv::Rect rect(x * px, y * px, px, px);
      if (level.Wall(x, y)) {
        cv::rectangle(image, rect, kWall, cv::FILLED);
      } else {
        cv::rectangle(image, rect, kGrid, 1);
      }
    }
  }
  for (const Cell& c : level.goal_candidates) {
    if (c != level.goal)
      cv::rectangle(image, cv::Rect(c.x * px, c.y * px, px, px), kCandidate, cv::FILLED);
  }
  if (level.goal.Valid()) {
    cv::rectangle(image, cv::Rect(level.goal.x * px, level.goal.y * px, px, px), kGoal, cv::FILLED);
  }
  if (level.agent.Valid()) DrawAgent(image, level.agent, level.direction, px);
  return image;
}

cv::Mat RenderGallery(const std::vector<Level>& levels,
                      const std::vector<std::vector<std::string>>& captions, int columns,
                      int tile) {
  const int line_height = 15;
  size_t caption_lines = 0;
  for (const auto& c : captions) caption_lines = std::max(caption_lines, c.size());
  const int cell_w = tile + 12,
            cell_h = tile + 8 + line_height * static_cast<int>(caption_lines) + 6;
  columns = std::max(1, std::min<int>(columns, static_cast<int>(levels.size())));
  const int rows = (static_cast<int>(levels.size()) + columns - 1) / columns;
  cv::Mat gallery(std::max(1, rows) * cell_h, columns * cell_w, CV_8UC3, cv::Scalar(255, 255, 255));
  for (size_t i = 0; i < levels.size(); ++i) {
    const Level& level = levels[i];
    int px = std::max(1, tile / std::max(level.width, level.height));
    cv::Mat image = RenderLevel(level, px);
    int ox = static_cast<int>(i % columns) * cell_w + 6;
    int oy = static_cast<int>(i / columns) * cell_h + 4;
    image.copyTo(gallery(cv::Rect(ox, oy, image.cols, image.rows)));
    if (i < captions.size()) {
      for (size_t l = 0; l < captions[i].size(); ++l) {
        cv::putText(gallery, captions[i][l],
                    cv::Point(ox, oy + tile + 4 + line_height * static_cast<int>(l + 1)),
                    cv::FONT_HERSHEY_SIMPLEX, 0.4, cv::Scalar(30, 30, 30), 1, cv::LINE_AA);
      }
    }
  }
  return gallery;
}

cv::Mat RenderTrajectory(const Level& level, const std::vector<Cell>& path, int px) {
  cv::Mat image = RenderLevel(level, px);
  for (size_t i = 1; i < path.size(); ++i) {
    // Later segments are drawn darker so the direction of travel shows.
    double shade = 0.35 + 0.65 * static_cast<double>(i) / path.size();
    cv::Scalar colour(kPath[0] * shade + 255 * (1 - shade), kPath[1] * shade + 255 * (1 - shade),
                      kPath[2] * shade + 255 * (1 - shade));
    cv::line(image, cv::Point((path[i - 1].x * 2 + 1) * px / 2, (path[i - 1].y * 2 + 1) * px / 2),
             cv::Point((path[i].x * 2 + 1) * px / 2, (path[i].y * 2 + 1) * px / 2), colour,
             std::max(2, px / 5), cv::LINE_AA);
  }
  if (level.agent.Valid()) DrawAgent(image, level.agent, level.direction, px);
  // The outcome at a glance: a path that ends on the goal reached it (the
  // evaluation records the goal cell only then).
  const bool reached = path.size() > 1 && level.goal.Valid() && path.back() == level.goal;
  cv::Mat framed;
  const int frame = std::max(3, px / 4);
  cv::copyMakeBorder(image, framed, frame, frame, frame, frame, cv::BORDER_CONSTANT,
                     reached ? kGoal : kAgent);
  return framed;
}

}  // namespace advlab::envs
