#pragma once
// Training and held-out goals of the crafting world, split by combination:
// a held-out goal ("cobblestone ingot") is never demonstrated, but its
// material and its form each are, in other goals ("cobblestone block",
// "iron ingot"), which is what the compositional test of Ask Your Humans
// needs. Torch-free.
#include <string>
#include <vector>

#include "envs/crafting_recipes.h"

namespace advlab::crafting {

struct GoalSplit {
  std::vector<envs::crafting::Goal> train, held_out;
};

// `held_out` names goals of `recipes`; InputError naming `key` for an
// unknown or repeated goal, or one whose material or form no training goal
// shows.
GoalSplit SplitGoals(const envs::crafting::Recipes& recipes,
                     const std::vector<std::string>& held_out, const std::string& key);

}  // namespace advlab::crafting
