#pragma once
// Pictures of the crafting world through OpenCV (BGR images): the grid with
// each resource in its material's colour and labelled, stations as dark
// labelled squares, the agent as a yellow circle, an optional trail of the
// agent's positions, and a caption with the goal and what is carried.
#include <opencv2/core.hpp>
#include <string>
#include <utility>
#include <vector>

#include "envs/crafting_world.h"

namespace advlab::envs::crafting {

cv::Mat RenderCraftingWorld(const Recipes& recipes, const World& world,
                            const std::vector<std::pair<int, int>>& trail = {},
                            const std::string& caption = "", int cell_pixels = 40);

}  // namespace advlab::envs::crafting
