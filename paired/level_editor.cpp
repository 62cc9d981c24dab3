#include "paired/level_editor.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace advlab::paired {
namespace {

enum class Edit { kWall, kEmpty, kGoal };

// A uniformly random interior floor cell holding neither the agent nor the
// goal; on a level with none left, a random interior wall is knocked down.
envs::Cell FreeCell(envs::Level& level, std::mt19937_64& rng) {
  std::vector<envs::Cell> free, walls;
  for (int y = 1; y < level.height - 1; ++y) {
    for (int x = 1; x < level.width - 1; ++x) {
      envs::Cell c{x, y};
      if (c == level.agent || c == level.goal) continue;
      (level.Wall(x, y) ? walls : free).push_back(c);
    }
  }
  std::vector<envs::Cell>& pool = free.empty() ? walls : free;
  envs::Cell c = pool[std::uniform_int_distribution<size_t>(0, pool.size() - 1)(rng)];
  level.SetWall(c.x, c.y, false);
  return c;
}

}  // namespace

envs::Level EditLevel(const envs::Level& parent, int num_edits, std::mt19937_64& rng) {
  envs::Level level = parent;
  level.goal_candidates.clear();
  const int inner_w = level.width - 2, inner_h = level.height - 2;
  std::uniform_int_distribution<int> cell(0, inner_w * inner_h - 1);
  std::uniform_int_distribution<int> op(0, 2);
  for (int e = 0; e < num_edits; ++e) {
    const int a = cell(rng);
    const envs::Cell c{a % inner_w + 1, a / inner_w + 1};
    const Edit edit = static_cast<Edit>(op(rng));
    // Clear the cell first.
    level.SetWall(c.x, c.y, false);
    if (level.agent == c) level.agent = {};
    if (level.goal == c) level.goal = {};
    if (edit == Edit::kWall) level.SetWall(c.x, c.y, true);
    if (edit == Edit::kGoal) level.goal = c;
    if (!level.goal.Valid()) level.goal = FreeCell(level, rng);
    if (!level.agent.Valid()) level.agent = FreeCell(level, rng);
  }
  return level;
}

std::vector<int> ChooseEditParents(const std::vector<double>& mean_return,
                                   const std::vector<double>& mean_abs_advantage, int parents) {
  std::vector<double> e(mean_return.size());
  for (size_t b = 0; b < e.size(); ++b) {
    e[b] = mean_return[b] - std::clamp(mean_abs_advantage[b], 0.0, 1.0);
    // A non-finite value would break the sort's ordering: such a level goes last.
    if (!std::isfinite(e[b])) e[b] = std::numeric_limits<double>::infinity();
  }
  std::vector<int> order(e.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return e[a] < e[b]; });
  order.resize(std::min<size_t>(order.size(), std::max(parents, 0)));
  return order;
}

}  // namespace advlab::paired
