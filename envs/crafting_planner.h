#pragma once
// A scripted planner that solves any goal in the crafting world with the
// fewest steps, and the subtasks its demonstrations are narrated with.
//
// A solution is a sequence of phases, one per recipe: each tool the goal
// needs, in the order their inputs need them, then the goal; a phase
// gathers that recipe's units, walks to its station and crafts. (With the
// shipped recipes a goal's own material needs the tools, so no unit of a
// later phase can be gathered earlier.) The grid has no walls, so a walk is
// its Manhattan length; the planner searches every choice of resource cells
// and every visiting order, across all phases at once (an earlier phase may
// use up cells a later one wants), and keeps the shortest. The tests check
// it against breadth-first search over the full state on small worlds.
// Torch-free.
#include <vector>

#include "envs/crafting_world.h"

namespace advlab::envs::crafting {

struct Subtask {
  enum class Kind { kCollect, kCraft };
  Kind kind = Kind::kCollect;
  int material = -1;  // kCollect: the material gathered
  int tool = -1;      // kCraft: the tool made, or -1 for the goal
};

struct Plan {
  std::vector<int> actions;
  std::vector<int> subtask_of_step;  // index into subtasks, per action
  std::vector<Subtask> subtasks;
  bool solvable = false;  // false when the layout lacks the resources
};

// The shortest plan from `world`'s current state: tools it holds are not
// made again and carried units count towards the phases in order.
// Unsolvable (solvable false) when the layout lacks a station or enough
// resources.
Plan PlanGoal(const Recipes& recipes, const World& world);

}  // namespace advlab::envs::crafting
