#pragma once
// Demonstrations with instructions: the planner solves each training goal
// on fresh seeded layouts, and every step records what the agents see
// (planes, carried items, the goal), the planner's action and the
// instruction of the subtask it serves, one paraphrase drawn per subtask.
// Torch-free.
#include <cstdint>
#include <string>
#include <vector>

#include "crafting/instruction_templates.h"

namespace advlab::crafting {

struct Demonstrations {
  int64_t plane_size = 0, carried_size = 0;
  std::vector<uint8_t> planes;  // [samples, plane_size], 0/1
  std::vector<float> carried;   // [samples, carried_size]
  std::vector<int> goal;        // index into Recipes::AllGoals()
  std::vector<int> action;
  std::vector<int> instruction;  // index into `instructions`
  std::vector<std::string> instructions;
  int episodes = 0;

  int64_t size() const { return static_cast<int64_t>(action.size()); }
};

// Index of `goal` in Recipes::AllGoals().
int GoalIndex(const envs::crafting::Recipes& recipes, const envs::crafting::Goal& goal);

// Plans every demonstration GenerateDemonstrations would record, without
// recording it: an InputError (world.max_steps) before anything is written
// when a plan would not fit in an episode.
void CheckDemonstrations(const envs::crafting::Recipes& recipes,
                         const envs::crafting::WorldOptions& world,
                         const std::vector<envs::crafting::Goal>& goals, int per_goal,
                         uint64_t seed, const std::string& stream = "crafting_demo");

Demonstrations GenerateDemonstrations(const envs::crafting::Recipes& recipes,
                                      const envs::crafting::WorldOptions& world,
                                      const InstructionTemplates& templates,
                                      const std::vector<envs::crafting::Goal>& goals, int per_goal,
                                      uint64_t seed, const std::string& stream = "crafting_demo");

}  // namespace advlab::crafting
