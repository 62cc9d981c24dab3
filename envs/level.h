#pragma once
// One maze level: a rectangular grid of walls and floor (border included),
// the agent's start cell and direction, the goal, and the episode limit.
// Levels with several goal candidates (the corridor mazes) fix one goal when
// they are instantiated (ChooseGoal), as the reference does per env instance.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "envs/minigrid.h"

namespace advlab::envs {

struct Cell {
  int x = -1, y = -1;
  bool operator==(const Cell& other) const { return x == other.x && y == other.y; }
  bool operator!=(const Cell& other) const { return !(*this == other); }
  bool Valid() const { return x >= 0 && y >= 0; }
};

// The student's episode limit in the reference maze worlds (dcd's
// MultiGridEnv max_steps=250), the default wherever a level is made.
constexpr int kDefaultMaxSteps = 250;

struct Level {
  std::string name;
  int width = 0, height = 0;
  std::vector<uint8_t> walls;  // row-major, 1 = wall
  Cell agent;
  int direction = kEast;
  Cell goal;
  std::vector<Cell> goal_candidates;  // 'g' cells; the goal is one of them
  int max_steps = kDefaultMaxSteps;

  static Level Empty(int width, int height);  // border walls only
  bool Wall(int x, int y) const { return walls[static_cast<size_t>(y) * width + x] != 0; }
  void SetWall(int x, int y, bool wall) { walls[static_cast<size_t>(y) * width + x] = wall; }
  bool Inside(int x, int y) const { return x >= 0 && y >= 0 && x < width && y < height; }
  // Picks the goal among the candidates (no-op without candidates).
  void ChooseGoal(std::mt19937_64& rng);
};

}  // namespace advlab::envs
