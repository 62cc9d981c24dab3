#include "envs/level_batch.h"

#include <algorithm>
#include <stdexcept>

namespace advlab::envs {

LevelBatch::LevelBatch(int count, int width, int height)
    : agent(count),
      goal(count),
      direction(count, kEast),
      max_steps(count, kDefaultMaxSteps),
      count_(count),
      width_(width),
      height_(height),
      walls_(static_cast<size_t>(count) * width * height, 0) {}

void LevelBatch::Set(int i, const Level& level) {
  if (level.width != width_ || level.height != height_) {
    throw std::invalid_argument("LevelBatch::Set: level '" + level.name + "' is " +
                                std::to_string(level.width) + "x" + std::to_string(level.height) +
                                ", batch is " + std::to_string(width_) + "x" +
                                std::to_string(height_));
  }
  std::copy(level.walls.begin(), level.walls.end(), walls(i));
  agent[i] = level.agent;
  goal[i] = level.goal;
  direction[i] = level.direction;
  max_steps[i] = level.max_steps;
}

Level LevelBatch::Get(int i) const {
  Level level;
  level.width = width_;
  level.height = height_;
  level.walls.assign(walls(i), walls(i) + static_cast<size_t>(width_) * height_);
  level.agent = agent[i];
  level.goal = goal[i];
  level.direction = direction[i];
  level.max_steps = max_steps[i];
  return level;
}

}  // namespace advlab::envs
