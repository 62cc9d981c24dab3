#include "envs/crafting_world.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <stdexcept>

#include "core/error.h"

namespace advlab::envs::crafting {

std::string ActionName(int action) {
  static const char* const kNames[kActions] = {"up", "down", "left", "right", "mine", "craft"};
  return action >= 0 && action < kActions ? kNames[action] : "?";
}

CraftingWorlds::CraftingWorlds(Recipes recipes, WorldOptions options, int batch)
    : recipes_(std::move(recipes)), options_(options), worlds_(static_cast<size_t>(batch)) {
  const int objects =
      recipes_.MaterialCount() * options_.resources_per_material + recipes_.StationCount();
  if (objects + 1 > options_.width * options_.height) {
    throw InputError("world: " + std::to_string(options_.width) + "x" +
                     std::to_string(options_.height) + " cells cannot hold " +
                     std::to_string(objects) + " resources and stations and the agent");
  }
  for (const Goal& goal : recipes_.AllGoals()) {
    const std::vector<int> units = recipes_.UnitsNeeded(goal);
    if (*std::max_element(units.begin(), units.end()) > options_.resources_per_material) {
      throw InputError(
          "world.resources_per_material: " + std::to_string(options_.resources_per_material) +
          " cannot make the " + recipes_.GoalName(goal) + " (it needs " +
          std::to_string(*std::max_element(units.begin(), units.end())) +
          " units of one material)");
    }
  }
}

void CraftingWorlds::Reset(int i, const Goal& goal, uint64_t seed) {
  World& w = worlds_[static_cast<size_t>(i)];
  w.width = options_.width;
  w.height = options_.height;
  const int area = w.width * w.height;
  std::vector<int> order(static_cast<size_t>(area));
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  w.cells.assign(static_cast<size_t>(area), 0);
  size_t next = 0;
  const int materials = recipes_.MaterialCount();
  for (int s = 0; s < recipes_.StationCount(); ++s) {
    w.cells[static_cast<size_t>(order[next++])] = 1 + materials + s;
  }
  for (int m = 0; m < materials; ++m) {
    for (int k = 0; k < options_.resources_per_material; ++k) {
      w.cells[static_cast<size_t>(order[next++])] = 1 + m;
    }
  }
  w.x = order[next] % w.width;
  w.y = order[next] / w.width;
  w.carried.assign(static_cast<size_t>(materials), 0);
  w.tools.assign(static_cast<size_t>(recipes_.ToolCount()), 0);
  w.goal = goal;
  w.steps = 0;
  w.done = w.success = false;
}

int CraftableHere(const Recipes& recipes, const World& w) {
  const int station = w.Cell(w.x, w.y) - 1 - recipes.MaterialCount();
  if (station < 0) return -1;
  const Form& form = recipes.forms[static_cast<size_t>(w.goal.form)];
  if (form.station == station && w.carried[static_cast<size_t>(w.goal.material)] >= form.units) {
    return recipes.ToolCount();
  }
  for (int t = 0; t < recipes.ToolCount(); ++t) {
    const Tool& tool = recipes.tools[static_cast<size_t>(t)];
    if (tool.station != station || w.tools[static_cast<size_t>(t)]) continue;
    bool carried = true;
    for (size_t m = 0; m < tool.inputs.size(); ++m)
      carried = carried && w.carried[m] >= tool.inputs[m];
    if (carried) return t;
  }
  return -1;
}

float StepWorld(const Recipes& recipes, World& w, int action, int max_steps) {
  if (w.done) return 0;
  ++w.steps;
  float reward = 0;
  switch (action) {
    case kUp:
      w.y = std::max(0, w.y - 1);
      break;
    case kDown:
      w.y = std::min(w.height - 1, w.y + 1);
      break;
    case kLeft:
      w.x = std::max(0, w.x - 1);
      break;
    case kRight:
      w.x = std::min(w.width - 1, w.x + 1);
      break;
    case kMine: {
      const int material = w.Cell(w.x, w.y) - 1;
      if (material >= 0 && material < recipes.MaterialCount()) {
        const int tool = recipes.materials[static_cast<size_t>(material)].tool;
        if (tool < 0 || w.tools[static_cast<size_t>(tool)]) {
          ++w.carried[static_cast<size_t>(material)];
          w.cells[w.Index(w.x, w.y)] = 0;
        }
      }
      break;
    }
    case kCraft: {
      const int item = CraftableHere(recipes, w);
      if (item < 0) break;
      if (item < recipes.ToolCount()) {
        const Tool& tool = recipes.tools[static_cast<size_t>(item)];
        w.tools[static_cast<size_t>(item)] = 1;
        for (size_t m = 0; m < tool.inputs.size(); ++m) w.carried[m] -= tool.inputs[m];
        break;
      }
      w.carried[static_cast<size_t>(w.goal.material)] -=
          recipes.forms[static_cast<size_t>(w.goal.form)].units;
      reward = 1;
      w.success = w.done = true;
      break;
    }
    default:
      throw std::invalid_argument("crafting: action " + std::to_string(action) + " out of range");
  }
  if (w.steps >= max_steps) w.done = true;
  return reward;
}

std::vector<float> CraftingWorlds::Step(const std::vector<int>& actions) {
  std::vector<float> rewards(worlds_.size(), 0.0f);
  for (size_t i = 0; i < worlds_.size(); ++i) {
    rewards[i] = StepWorld(recipes_, worlds_[i], actions[i], options_.max_steps);
  }
  return rewards;
}

void CraftingWorlds::ObservePlanes(int i, float* out) const {
  const World& w = world(i);
  const int64_t vw = ViewWidth(), area = ViewHeight() * vw;
  std::fill(out, out + ViewSize(), 0.0f);
  // Grid cell (x, y) sits at view cell (x - agent x + W - 1, y - agent y + H - 1).
  const int64_t dx = w.width - 1 - w.x, dy = w.height - 1 - w.y;
  for (int y = 0; y < w.height; ++y) {
    for (int x = 0; x < w.width; ++x) {
      const int64_t at = (y + dy) * vw + (x + dx);
      const int cell = w.Cell(x, y);
      if (cell > 0) out[(cell - 1) * area + at] = 1;
      out[(PlaneCount() - 1) * area + at] = 1;
    }
  }
}

void CraftingWorlds::ObserveCarried(int i, float* out) const {
  const World& w = world(i);
  const int m = recipes_.MaterialCount();
  for (int k = 0; k < m; ++k) {
    out[k] = static_cast<float>(w.carried[static_cast<size_t>(k)]) /
             static_cast<float>(options_.resources_per_material);
  }
  for (int t = 0; t < recipes_.ToolCount(); ++t) out[m + t] = w.tools[static_cast<size_t>(t)];
}

}  // namespace advlab::envs::crafting
