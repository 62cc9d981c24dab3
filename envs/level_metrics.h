#pragma once
// Level complexity as the reference logs it (google adversarial_driver,
// dcd _get_env_stats_multigrid): interior walls, whether the goal is
// reachable, the BFS shortest path in moves (4-neighbour, turns not
// counted; unreachable = (w-2)(h-2)+1, i.e. 170 on 15x15), and the
// Manhattan distance between agent and goal.
#include <vector>

#include "envs/level.h"

namespace advlab::envs {

struct LevelMetrics {
  int walls = 0;  // interior walls (the border is not counted)
  bool passable = false;
  int shortest_path = 0;  // moves; UnreachableDistance() when impassable
  int manhattan = 0;
};

LevelMetrics ComputeMetrics(const Level& level);
// Shortest path from the agent to `goal` (another goal candidate, say).
int ShortestPath(const Level& level, Cell from, Cell to);
// Distances from `from` to every cell (-1 for walls and unreachable cells),
// row-major. `scratch` is reused between calls to avoid allocation.
void BfsDistances(const Level& level, Cell from, std::vector<int>* distances);
int UnreachableDistance(const Level& level);

}  // namespace advlab::envs
