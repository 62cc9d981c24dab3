// The planner: its plans make the goal, and no plan is shorter (breadth-first
// search over the whole state on small worlds).
#include <catch2/catch.hpp>
#include <deque>
#include <fstream>
#include <set>

#include "envs/crafting_planner.h"
#include "tests/temp_dir.h"

using namespace advlab::envs::crafting;

namespace {

std::string Key(const World& w) {
  std::string key = std::to_string(w.x) + "," + std::to_string(w.y) + ";";
  for (int c : w.carried) key += std::to_string(c) + ",";
  for (uint8_t t : w.tools) key += std::to_string(t);
  for (int c : w.cells) key += static_cast<char>('a' + c);
  return key;
}

// Fewest steps to the goal from `start`, by breadth-first search over every
// state the rules can reach; -1 when the goal cannot be made.
int ShortestByBfs(const Recipes& r, const World& start) {
  std::deque<std::pair<World, int>> frontier = {{start, 0}};
  std::set<std::string> seen = {Key(start)};
  while (!frontier.empty()) {
    auto [w, depth] = frontier.front();
    frontier.pop_front();
    for (int a = 0; a < kActions; ++a) {
      World next = w;
      StepWorld(r, next, a, 1 << 20);
      if (next.success) return depth + 1;
      if (seen.insert(Key(next)).second) frontier.emplace_back(next, depth + 1);
    }
  }
  return -1;
}

// Runs `plan` from `world`; true when it makes the goal on its last step.
bool Executes(const Recipes& r, World world, const Plan& plan) {
  for (size_t t = 0; t < plan.actions.size(); ++t) {
    StepWorld(r, world, plan.actions[t], 1 << 20);
    if (world.success != (t + 1 == plan.actions.size())) return false;
  }
  return world.success;
}

}  // namespace

TEST_CASE("planner: as short as breadth-first search on small worlds", "[crafting]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "small.yaml")
      << "materials:\n  wood: {resource: tree}\n  stone: {resource: rock}\n"
         "  iron: {resource: ore, tool: pickaxe}\n"
         "stations: [bench, oven]\n"
         "tools:\n  pickaxe: {station: bench, inputs: {wood: 1, stone: 1}}\n"
         "forms:\n  block: {station: bench, units: 2}\n  ingot: {station: oven, units: 1}\n";
  const Recipes r = LoadRecipes(dir / "small.yaml");
  WorldOptions options;
  options.width = options.height = 4;
  options.resources_per_material = 2;
  CraftingWorlds worlds(r, options, 1);
  int checked = 0;
  for (uint64_t seed = 0; seed < 5; ++seed) {
    for (const Goal& goal : r.AllGoals()) {
      worlds.Reset(0, goal, seed);
      const Plan plan = PlanGoal(r, worlds.world(0));
      INFO("seed " << seed << ", goal " << r.GoalName(goal));
      REQUIRE(plan.solvable);
      CHECK(Executes(r, worlds.world(0), plan));
      CHECK(static_cast<int>(plan.actions.size()) == ShortestByBfs(r, worlds.world(0)));
      ++checked;
    }
  }
  CHECK(checked == 30);
}

TEST_CASE("planner: subtasks name what each step serves", "[crafting]") {
  const Recipes r = LoadRecipes(std::string(ADVLAB_SOURCE_DIR) + "/crafting/data/recipes.yaml");
  CraftingWorlds worlds(r, WorldOptions{}, 1);
  for (uint64_t seed = 0; seed < 20; ++seed) {
    for (const Goal& goal : r.AllGoals()) {
      worlds.Reset(0, goal, seed);
      const Plan plan = PlanGoal(r, worlds.world(0));
      REQUIRE(plan.solvable);
      REQUIRE(Executes(r, worlds.world(0), plan));
      REQUIRE(plan.subtask_of_step.size() == plan.actions.size());
      // Tool goals: collect wood and cobblestone (either order), craft the
      // pickaxe, collect the material, craft the goal; others: two subtasks.
      const bool tool = !r.ToolsNeeded(goal).empty();
      REQUIRE(plan.subtasks.size() == (tool ? 5u : 2u));
      CHECK(plan.subtasks.back().kind == Subtask::Kind::kCraft);
      CHECK(plan.subtasks.back().tool == -1);
      CHECK(plan.subtasks[plan.subtasks.size() - 2].material == goal.material);
      if (tool) CHECK(plan.subtasks[2].tool == 0);
      // Each subtask ends with its mine or craft action.
      for (size_t t = 0; t + 1 < plan.actions.size(); ++t) {
        if (plan.subtask_of_step[t] != plan.subtask_of_step[t + 1]) {
          CHECK((plan.actions[t] == kMine || plan.actions[t] == kCraft));
        }
      }
    }
  }
}

TEST_CASE("planner: from the middle of an episode", "[crafting]") {
  const Recipes r = LoadRecipes(std::string(ADVLAB_SOURCE_DIR) + "/crafting/data/recipes.yaml");
  CraftingWorlds worlds(r, WorldOptions{}, 1);
  worlds.Reset(0, {2, 2}, 3);  // iron ingot
  const Plan whole = PlanGoal(r, worlds.world(0));
  // Follow the plan up to the pickaxe; the rest of it is the plan from there.
  size_t t = 0;
  while (worlds.world(0).tools[0] == 0) worlds.Step({whole.actions[t++]});
  const Plan rest = PlanGoal(r, worlds.world(0));
  CHECK(rest.actions.size() == whole.actions.size() - t);
  CHECK(rest.subtasks.size() == 2);
  // A stray unit does not stop it (a craft uses only its recipe's inputs).
  worlds.world(0).carried[0] = 2;
  CHECK(PlanGoal(r, worlds.world(0)).solvable);
  // Without enough resources left, no plan.
  for (int& c : worlds.world(0).cells) c = c == 3 ? 0 : c;  // iron ore gone
  CHECK_FALSE(PlanGoal(r, worlds.world(0)).solvable);
}
