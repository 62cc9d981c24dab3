#pragma once
// Pictures of levels through OpenCV (BGR images): one level, a captioned
// gallery of many, and an episode's trajectory drawn over its level.
//   walls dark grey, floor white, goal green, agent a red triangle pointing
//   in its direction, trajectory a blue line from light to dark inside a
//   frame that is green when the path ends on the goal and red otherwise.
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "envs/level.h"

namespace advlab::envs {

cv::Mat RenderLevel(const Level& level, int cell_pixels = 16);
// Levels of different sizes are scaled to one tile size; each caption line
// is printed under its level.
cv::Mat RenderGallery(const std::vector<Level>& levels,
                      const std::vector<std::vector<std::string>>& captions, int columns = 6,
                      int tile_pixels = 192);
cv::Mat RenderTrajectory(const Level& level, const std::vector<Cell>& path, int cell_pixels = 16);

}  // namespace advlab::envs
