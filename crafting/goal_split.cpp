#include "crafting/goal_split.h"

#include <algorithm>
#include <set>

#include "core/error.h"

namespace advlab::crafting {

namespace cw = envs::crafting;

GoalSplit SplitGoals(const cw::Recipes& recipes, const std::vector<std::string>& held_out,
                     const std::string& key) {
  std::set<cw::Goal> chosen;
  for (const std::string& name : held_out) {
    bool found = false;
    for (const cw::Goal& goal : recipes.AllGoals()) {
      if (recipes.GoalName(goal) != name) continue;
      found = true;
      if (!chosen.insert(goal).second) throw InputError(key + ": '" + name + "' is listed twice");
    }
    if (!found) throw InputError(key + ": '" + name + "' is not a goal of the recipes file");
  }
  GoalSplit split;
  for (const cw::Goal& goal : recipes.AllGoals()) {
    (chosen.count(goal) ? split.held_out : split.train).push_back(goal);
  }
  for (const cw::Goal& goal : split.held_out) {
    const auto shows = [&](auto same) {
      return std::any_of(split.train.begin(), split.train.end(), same);
    };
    if (!shows([&](const cw::Goal& g) { return g.material == goal.material; }) ||
        !shows([&](const cw::Goal& g) { return g.form == goal.form; })) {
      throw InputError(key + ": '" + recipes.GoalName(goal) +
                       "' would be a new material or form, not a new combination of seen ones");
    }
  }
  if (split.train.empty()) throw InputError(key + ": leaves no goal to train on");
  return split;
}

}  // namespace advlab::crafting
