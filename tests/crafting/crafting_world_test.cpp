// The crafting world's rules and its recipes file.
#include <catch2/catch.hpp>
#include <fstream>

#include "core/error.h"
#include "envs/crafting_world.h"
#include "tests/temp_dir.h"

using namespace advlab::envs::crafting;
using Catch::Matchers::Contains;

namespace {

Recipes Shipped() {
  return LoadRecipes(std::string(ADVLAB_SOURCE_DIR) + "/crafting/data/recipes.yaml");
}

int MaterialIndex(const Recipes& r, const std::string& name) {
  for (int m = 0; m < r.MaterialCount(); ++m) {
    if (r.materials[static_cast<size_t>(m)].name == name) return m;
  }
  FAIL("no material " << name);
  return -1;
}

int FormIndex(const Recipes& r, const std::string& name) {
  for (size_t f = 0; f < r.forms.size(); ++f) {
    if (r.forms[f].name == name) return static_cast<int>(f);
  }
  FAIL("no form " << name);
  return -1;
}

// An empty 5x1 corridor with the agent at x = 0 and the given cells.
World Corridor(const Recipes& r, const Goal& goal, const std::vector<int>& cells) {
  World w;
  w.width = 5;
  w.height = 1;
  w.cells = cells;
  w.carried.assign(static_cast<size_t>(r.MaterialCount()), 0);
  w.tools.assign(static_cast<size_t>(r.ToolCount()), 0);
  w.goal = goal;
  return w;
}

}  // namespace

TEST_CASE("the shipped recipes: materials in forms, one tool", "[crafting]") {
  const Recipes r = Shipped();
  CHECK(r.MaterialCount() == 5);
  CHECK(r.StationCount() == 3);
  REQUIRE(r.ToolCount() == 1);
  CHECK(r.forms.size() == 4);
  CHECK(r.AllGoals().size() == 20);
  const int iron = MaterialIndex(r, "iron"), wood = MaterialIndex(r, "wood");
  const int cobblestone = MaterialIndex(r, "cobblestone");
  const Goal stairs{iron, FormIndex(r, "stairs")};
  CHECK(r.GoalName(stairs) == "iron stairs");
  CHECK(r.ToolsNeeded(stairs) == std::vector<int>{0});
  std::vector<int> units(5, 0);
  units[static_cast<size_t>(iron)] = 3;
  units[static_cast<size_t>(wood)] = 1;
  units[static_cast<size_t>(cobblestone)] = 1;
  CHECK(r.UnitsNeeded(stairs) == units);
  CHECK(r.ToolsNeeded({wood, FormIndex(r, "block")}).empty());
}

TEST_CASE("crafting rules: tools gate mining, stations gate recipes", "[crafting]") {
  const Recipes r = Shipped();
  const int M = r.MaterialCount();
  const int wood = MaterialIndex(r, "wood"), cobblestone = MaterialIndex(r, "cobblestone");
  const int iron = MaterialIndex(r, "iron");
  const int ingot = FormIndex(r, "ingot");
  const int workbench = r.tools[0].station, furnace = r.forms[static_cast<size_t>(ingot)].station;
  // wood | cobblestone | iron ore | workbench | furnace
  World w = Corridor(r, {iron, ingot},
                     {1 + wood, 1 + cobblestone, 1 + iron, 1 + M + workbench, 1 + M + furnace});
  const int limit = 100;
  CHECK(StepWorld(r, w, kMine, limit) == 0);  // wood by hand
  CHECK(w.carried[static_cast<size_t>(wood)] == 1);
  CHECK(w.Cell(0, 0) == 0);  // a resource cell holds one unit
  StepWorld(r, w, kMine, limit);
  CHECK(w.carried[static_cast<size_t>(wood)] == 1);  // nothing left to mine
  StepWorld(r, w, kLeft, limit);
  CHECK(w.x == 0);  // off the grid: stays
  StepWorld(r, w, kRight, limit);
  StepWorld(r, w, kMine, limit);
  StepWorld(r, w, kRight, limit);
  StepWorld(r, w, kMine, limit);  // iron ore needs the pickaxe
  CHECK(w.carried[static_cast<size_t>(iron)] == 0);
  CHECK(w.Cell(2, 0) == 1 + iron);
  StepWorld(r, w, kCraft, limit);  // not a station
  CHECK(w.tools[0] == 0);
  StepWorld(r, w, kRight, limit);
  StepWorld(r, w, kCraft, limit);  // the pickaxe: wood + cobblestone at the workbench
  CHECK(w.tools[0] == 1);
  CHECK(w.carried == std::vector<int>(static_cast<size_t>(M), 0));
  StepWorld(r, w, kLeft, limit);
  StepWorld(r, w, kMine, limit);
  CHECK(w.carried[static_cast<size_t>(iron)] == 1);
  StepWorld(r, w, kRight, limit);
  CHECK(StepWorld(r, w, kCraft, limit) == 0);  // the ingot is made at the furnace, not here
  CHECK(w.carried[static_cast<size_t>(iron)] == 1);
  StepWorld(r, w, kRight, limit);
  CHECK(StepWorld(r, w, kCraft, limit) == 1.0f);
  CHECK(w.success);
  CHECK(w.done);
  CHECK(StepWorld(r, w, kLeft, limit) == 0);  // a finished episode stays finished
  CHECK(w.x == 4);
}

TEST_CASE("crafting rules: the step limit ends an episode without reward", "[crafting]") {
  const Recipes r = Shipped();
  World w = Corridor(r, {0, 0}, {0, 0, 0, 0, 0});
  for (int t = 0; t < 3; ++t) StepWorld(r, w, kRight, 3);
  CHECK(w.done);
  CHECK_FALSE(w.success);
  World fresh = Corridor(r, {0, 0}, {0, 0, 0, 0, 0});
  CHECK_THROWS_AS(StepWorld(r, fresh, /*action=*/6, 3), std::invalid_argument);
}

TEST_CASE("layouts are seeded and observations agent-centred", "[crafting]") {
  const Recipes r = Shipped();
  WorldOptions options;
  CraftingWorlds a(r, options, 2), b(r, options, 1);
  a.Reset(0, {1, 2}, 7);
  a.Reset(1, {1, 2}, 8);
  b.Reset(0, {1, 2}, 7);
  CHECK(a.world(0).cells == b.world(0).cells);
  CHECK(a.world(0).cells != a.world(1).cells);
  int resources = 0, stations = 0;
  for (int c : a.world(0).cells) {
    resources += c >= 1 && c <= r.MaterialCount();
    stations += c > r.MaterialCount();
  }
  CHECK(resources == r.MaterialCount() * options.resources_per_material);
  CHECK(stations == r.StationCount());
  CHECK(a.world(0).Cell(a.world(0).x, a.world(0).y) == 0);  // the agent starts on an empty cell

  std::vector<float> view(static_cast<size_t>(a.ViewSize()));
  a.ObservePlanes(0, view.data());
  const World& w = a.world(0);
  const int64_t vw = a.ViewWidth(), area = a.ViewHeight() * vw;
  // Every grid cell appears once in the on-grid plane, and each object at
  // its offset from the centre.
  float on_grid = 0;
  for (int64_t k = 0; k < area; ++k)
    on_grid += view[static_cast<size_t>((a.PlaneCount() - 1) * area + k)];
  CHECK(on_grid == options.width * options.height);
  for (int y = 0; y < w.height; ++y) {
    for (int x = 0; x < w.width; ++x) {
      const int cell = w.Cell(x, y);
      if (cell == 0) continue;
      const int64_t at = (y - w.y + options.height - 1) * vw + (x - w.x + options.width - 1);
      CHECK(view[static_cast<size_t>((cell - 1) * area + at)] == 1.0f);
    }
  }
}

TEST_CASE("a layout too small for its objects or goals is an input error", "[crafting]") {
  const Recipes r = Shipped();
  WorldOptions tiny;
  tiny.width = tiny.height = 3;
  CHECK_THROWS_AS(CraftingWorlds(r, tiny, 1), advlab::InputError);
  WorldOptions few;
  few.resources_per_material = 2;  // stairs take 3 units
  CHECK_THROWS_WITH(CraftingWorlds(r, few, 1), Contains("resources_per_material"));
}

TEST_CASE("bad recipe files are input errors naming the file and key", "[crafting]") {
  advlab::testing::TempDir dir;
  const std::string good =
      "materials:\n  wood: {resource: tree}\n  iron: {resource: iron ore, tool: pickaxe}\n"
      "stations: [workbench, furnace]\n"
      "tools:\n  pickaxe: {station: workbench, inputs: {wood: 1}}\n"
      "forms:\n  ingot: {station: furnace, units: 1}\n";
  const auto write = [&](const std::string& text) {
    std::ofstream(dir / "r.yaml") << text;
    return dir / "r.yaml";
  };
  CHECK_NOTHROW(LoadRecipes(write(good)));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"materials:\n  wood: {resource: tree}\nstations: [bench]\nforms:\n  x: {station: oven, "
       "units: 1}\n",
       "forms.x.station"},
      {good + "colours: [red]\n", "colours"},
      {"materials:\n  Wood: {resource: tree}\nstations: [a]\nforms:\n  x: {station: a, units: 1}\n",
       "materials"},
      {"materials:\n  wood: {resource: tree}\nstations: [a]\nforms:\n  x: {station: a, units: 0}\n",
       "forms.x.units"},
      {"materials:\n  wood: {resource: tree, tool: axe}\nstations: [a]\nforms:\n  x: {station: a, "
       "units: 1}\n",
       "materials.wood.tool"},
      {"materials:\n  wood: {resource: tree, tool: axe}\nstations: [a]\n"
       "tools:\n  axe: {station: a, inputs: {wood: 1}}\nforms:\n  x: {station: a, units: 1}\n",
       "tools.axe"},
      {"materials:\n  wood: {resource: tree}\nstations: [a]\n"
       "tools:\n  axe: {station: a, inputs: {stone: 1}}\nforms:\n  x: {station: a, units: 1}\n",
       "tools.axe.inputs.stone"},
      {"materials:\n  wood: {resource: tree}\nstations: [wood]\nforms:\n  x: {station: wood, "
       "units: 1}\n",
       "used twice (first in stations)"},
      {good + "forms:\n  rod: {station: workbench, units: 2}\n", "'forms' appears twice"},
      {"materials: [wood\n", "r.yaml:"},
  };
  for (const auto& [text, key] : cases) {
    INFO(text);
    CHECK_THROWS_WITH(LoadRecipes(write(text)), Contains("r.yaml") && Contains(key));
  }
  CHECK_THROWS_AS(LoadRecipes(dir.path()), advlab::InputError);
  CHECK_THROWS_AS(LoadRecipes(dir / "missing.yaml"), advlab::InputError);
}
