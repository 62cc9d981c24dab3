#pragma once
// Pictures of the landmark world through OpenCV (BGR images): walls dark,
// each landmark a square in its colour (labelled with its name's first
// letters, and ringed once reached in order), the agent a circle, and an
// optional trail of the agent's cells.
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "envs/landmark_world.h"

namespace advlab::envs::landmarks {

cv::Mat RenderLandmarkWorld(const LandmarkOptions& options, const LandmarkWorld& world,
                            const std::vector<std::string>& colour_names,
                            const std::vector<int>& trail = {}, const std::string& caption = "",
                            int cell_pixels = 36);

}  // namespace advlab::envs::landmarks
