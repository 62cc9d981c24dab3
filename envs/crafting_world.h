#pragma once
// The crafting world: a grid with resource cells (one unit each, gone once
// mined), one cell per station and an agent who carries materials and
// tools. One goal item per episode; reward 1 when it is crafted, which ends
// the episode (sparse, as in Ask Your Humans). Torch-free: observations are
// written into caller-owned float buffers.
//
// Actions: up, down, left, right (a move off the grid stays put), mine (the
// resource under the agent, if its tool is carried), craft (on a station:
// the episode's goal if this is its station and its units are carried,
// otherwise a tool of this station not yet held whose inputs are carried;
// only the recipe's inputs are used up). Other goal items are never made,
// so a stray unit or a wrong station costs steps, never the episode.
#include <cstdint>
#include <string>
#include <vector>

#include "envs/crafting_recipes.h"

namespace advlab::envs::crafting {

enum Action : int { kUp, kDown, kLeft, kRight, kMine, kCraft };
inline constexpr int kActions = 6;
std::string ActionName(int action);

struct WorldOptions {
  int width = 8, height = 8;
  int resources_per_material = 3;  // cells of each material's resource per layout
  int max_steps = 100;
};

// Cell codes: 0 empty, 1 + m the resource of material m, 1 + M + s station s.
struct World {
  int width = 0, height = 0;
  std::vector<int> cells;
  int x = 0, y = 0;            // the agent
  std::vector<int> carried;    // units per material
  std::vector<uint8_t> tools;  // held per tool
  Goal goal;
  int steps = 0;
  bool done = false, success = false;

  size_t Index(int cx, int cy) const {
    return static_cast<size_t>(cy) * static_cast<size_t>(width) + static_cast<size_t>(cx);
  }
  int Cell(int cx, int cy) const { return cells[Index(cx, cy)]; }
};

// Observations are agent-centred, so a learned policy can read "the nearest
// wood is two cells left" the same way anywhere on the grid: planes
// [M + S + 1, 2H - 1, 2W - 1] (the resource of each material, each station,
// and which cells lie on the grid), the agent at the centre; then the
// carried vector [M + T] (units over resources_per_material, tools 0/1).
class CraftingWorlds {
 public:
  CraftingWorlds(Recipes recipes, WorldOptions options, int batch);

  // A fresh seeded layout with `goal` in world i: stations and resources on
  // distinct random cells, the agent on an empty one.
  void Reset(int i, const Goal& goal, uint64_t seed);
  // One step of every world still running; returns the rewards.
  std::vector<float> Step(const std::vector<int>& actions);

  int64_t PlaneCount() const { return recipes_.MaterialCount() + recipes_.StationCount() + 1; }
  int64_t CarriedSize() const { return recipes_.MaterialCount() + recipes_.ToolCount(); }
  int64_t ViewHeight() const { return 2 * options_.height - 1; }
  int64_t ViewWidth() const { return 2 * options_.width - 1; }
  int64_t ViewSize() const { return PlaneCount() * ViewHeight() * ViewWidth(); }
  void ObservePlanes(int i, float* out) const;   // ViewSize() floats
  void ObserveCarried(int i, float* out) const;  // CarriedSize() floats

  int batch() const { return static_cast<int>(worlds_.size()); }
  const World& world(int i) const { return worlds_[static_cast<size_t>(i)]; }
  World& world(int i) { return worlds_[static_cast<size_t>(i)]; }
  const Recipes& recipes() const { return recipes_; }
  const WorldOptions& options() const { return options_; }

 private:
  Recipes recipes_;
  WorldOptions options_;
  std::vector<World> worlds_;
};

// One step of one world under the crafting rules; returns the reward.
float StepWorld(const Recipes& recipes, World& world, int action, int max_steps);
// What a craft on the agent's cell would make: a tool index, ToolCount()
// for the goal, or -1 for nothing.
int CraftableHere(const Recipes& recipes, const World& world);

}  // namespace advlab::envs::crafting
