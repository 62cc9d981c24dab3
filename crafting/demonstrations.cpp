#include "crafting/demonstrations.h"

#include <map>
#include <random>
#include <stdexcept>

#include "core/error.h"
#include "core/seed_streams.h"

namespace advlab::crafting {

namespace cw = envs::crafting;

int GoalIndex(const cw::Recipes& recipes, const cw::Goal& goal) {
  return goal.material * static_cast<int>(recipes.forms.size()) + goal.form;
}

namespace {

// The planner's demonstration of `goal` on the layout of episode `episode`.
cw::Plan PlanEpisode(const cw::Recipes& recipes, const cw::WorldOptions& world,
                     cw::CraftingWorlds& worlds, const cw::Goal& goal, uint64_t seed,
                     const std::string& stream, uint64_t episode) {
  worlds.Reset(0, goal, StreamSeed(seed, stream + "_layout", episode));
  cw::Plan plan = cw::PlanGoal(recipes, worlds.world(0));
  if (!plan.solvable) throw std::logic_error("crafting: the planner failed on a fresh layout");
  if (static_cast<int>(plan.actions.size()) > world.max_steps) {
    throw InputError("world.max_steps: " + std::to_string(world.max_steps) +
                     " steps are too few for the planner's " + std::to_string(plan.actions.size()) +
                     "-step demonstration of the " + recipes.GoalName(goal));
  }
  return plan;
}

}  // namespace

void CheckDemonstrations(const cw::Recipes& recipes, const cw::WorldOptions& world,
                         const std::vector<cw::Goal>& goals, int per_goal, uint64_t seed,
                         const std::string& stream) {
  cw::CraftingWorlds worlds(recipes, world, 1);
  uint64_t episode = 0;
  for (const cw::Goal& goal : goals) {
    for (int k = 0; k < per_goal; ++k, ++episode) {
      PlanEpisode(recipes, world, worlds, goal, seed, stream, episode);
    }
  }
}

Demonstrations GenerateDemonstrations(const cw::Recipes& recipes, const cw::WorldOptions& world,
                                      const InstructionTemplates& templates,
                                      const std::vector<cw::Goal>& goals, int per_goal,
                                      uint64_t seed, const std::string& stream) {
  cw::CraftingWorlds worlds(recipes, world, 1);
  Demonstrations d;
  d.plane_size = worlds.ViewSize();
  d.carried_size = worlds.CarriedSize();
  std::map<std::string, int> ids;
  std::vector<float> planes(static_cast<size_t>(d.plane_size));
  std::vector<float> carried(static_cast<size_t>(d.carried_size));
  uint64_t episode = 0;
  for (const cw::Goal& goal : goals) {
    for (int k = 0; k < per_goal; ++k, ++episode) {
      const cw::Plan plan = PlanEpisode(recipes, world, worlds, goal, seed, stream, episode);
      std::mt19937_64 speech(StreamSeed(seed, stream + "_speech", episode));
      std::vector<int> said;
      for (const cw::Subtask& subtask : plan.subtasks) {
        const std::string text = templates.Say(recipes, subtask, goal, speech());
        const auto [it, fresh] = ids.emplace(text, static_cast<int>(d.instructions.size()));
        if (fresh) d.instructions.push_back(text);
        said.push_back(it->second);
      }
      for (size_t t = 0; t < plan.actions.size(); ++t) {
        worlds.ObservePlanes(0, planes.data());
        worlds.ObserveCarried(0, carried.data());
        for (float v : planes) d.planes.push_back(static_cast<uint8_t>(v));
        d.carried.insert(d.carried.end(), carried.begin(), carried.end());
        d.goal.push_back(GoalIndex(recipes, goal));
        d.action.push_back(plan.actions[t]);
        d.instruction.push_back(said[static_cast<size_t>(plan.subtask_of_step[t])]);
        worlds.Step({plan.actions[t]});
      }
      if (!worlds.world(0).success) {
        throw std::logic_error("crafting: a planned demonstration did not make its goal");
      }
      ++d.episodes;
    }
  }
  return d;
}

}  // namespace advlab::crafting
