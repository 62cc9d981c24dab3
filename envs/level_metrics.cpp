#include "envs/level_metrics.h"

#include <cstdlib>

namespace advlab::envs {

int UnreachableDistance(const Level& level) { return (level.width - 2) * (level.height - 2) + 1; }

void BfsDistances(const Level& level, Cell from, std::vector<int>* distances) {
  distances->assign(static_cast<size_t>(level.width) * level.height, -1);
  std::vector<int> queue;
  queue.reserve(distances->size());
  int start = from.y * level.width + from.x;
  (*distances)[start] = 0;
  queue.push_back(start);
  for (size_t head = 0; head < queue.size(); ++head) {
    int cell = queue[head];
    int x = cell % level.width, y = cell / level.width;
    for (int d = 0; d < 4; ++d) {
      int nx = x + kDx[d], ny = y + kDy[d];
      if (!level.Inside(nx, ny) || level.Wall(nx, ny)) continue;
      int next = ny * level.width + nx;
      if ((*distances)[next] >= 0) continue;
      (*distances)[next] = (*distances)[cell] + 1;
      queue.push_back(next);
    }
  }
}

int ShortestPath(const Level& level, Cell from, Cell to) {
  std::vector<int> distances;
  BfsDistances(level, from, &distances);
  int d = distances[static_cast<size_t>(to.y) * level.width + to.x];
  return d >= 0 ? d : UnreachableDistance(level);
}

LevelMetrics ComputeMetrics(const Level& level) {
  LevelMetrics metrics;
  for (int y = 1; y < level.height - 1; ++y) {
    for (int x = 1; x < level.width - 1; ++x) metrics.walls += level.Wall(x, y);
  }
  metrics.shortest_path = ShortestPath(level, level.agent, level.goal);
  metrics.passable = metrics.shortest_path < UnreachableDistance(level);
  metrics.manhattan =
      std::abs(level.agent.x - level.goal.x) + std::abs(level.agent.y - level.goal.y);
  return metrics;
}

}  // namespace advlab::envs
