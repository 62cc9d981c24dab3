#include "envs/level.h"

namespace advlab::envs {

Level Level::Empty(int width, int height) {
  Level level;
  level.width = width;
  level.height = height;
  level.walls.assign(static_cast<size_t>(width) * height, 0);
  for (int x = 0; x < width; ++x) {
    level.SetWall(x, 0, true);
    level.SetWall(x, height - 1, true);
  }
  for (int y = 0; y < height; ++y) {
    level.SetWall(0, y, true);
    level.SetWall(width - 1, y, true);
  }
  level.max_steps = 2 * width * height;
  return level;
}

void Level::ChooseGoal(std::mt19937_64& rng) {
  if (goal_candidates.empty()) return;
  std::uniform_int_distribution<size_t> pick(0, goal_candidates.size() - 1);
  goal = goal_candidates[pick(rng)];
}

}  // namespace advlab::envs
