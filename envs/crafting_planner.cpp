#include "envs/crafting_planner.h"

#include <algorithm>
#include <climits>
#include <cstdlib>

namespace advlab::envs::crafting {
namespace {

struct Phase {
  std::vector<int> need;  // units per material still to gather
  int station_cell = -1;
  int tool = -1;  // -1: the goal
};

// A visit is a cell and what happens there: mine it or craft on it.
struct Visit {
  int cell = 0;
  bool craft = false;
  int phase = 0;
};

class Search {
 public:
  Search(const World& world, std::vector<Phase> phases)
      : world_(world), phases_(std::move(phases)), used_(world.cells.size(), 0) {}

  std::vector<Visit> Shortest() {
    Explore(0, world_.y * world_.width + world_.x, 0);
    return best_;
  }
  bool found() const { return best_cost_ < INT_MAX; }

 private:
  int Distance(int a, int b) const {
    return std::abs(a % world_.width - b % world_.width) +
           std::abs(a / world_.width - b / world_.width);
  }
  void Explore(size_t phase, int at, int cost) {
    if (cost >= best_cost_) return;
    if (phase == phases_.size()) {
      best_cost_ = cost;
      best_ = path_;
      return;
    }
    Phase& p = phases_[phase];
    bool gathered = true;
    for (size_t m = 0; m < p.need.size(); ++m) {
      if (p.need[m] == 0) continue;
      gathered = false;
      for (size_t c = 0; c < world_.cells.size(); ++c) {
        if (used_[c] || world_.cells[c] != static_cast<int>(m) + 1) continue;
        used_[c] = 1;
        --p.need[m];
        path_.push_back({static_cast<int>(c), false, static_cast<int>(phase)});
        Explore(phase, static_cast<int>(c), cost + Distance(at, static_cast<int>(c)) + 1);
        path_.pop_back();
        ++p.need[m];
        used_[c] = 0;
      }
    }
    if (!gathered) return;
    path_.push_back({p.station_cell, true, static_cast<int>(phase)});
    Explore(phase + 1, p.station_cell, cost + Distance(at, p.station_cell) + 1);
    path_.pop_back();
  }

  const World& world_;
  std::vector<Phase> phases_;
  std::vector<uint8_t> used_;
  std::vector<Visit> path_, best_;
  int best_cost_ = INT_MAX;
};

int StationCell(const Recipes& recipes, const World& world, int station) {
  for (size_t c = 0; c < world.cells.size(); ++c) {
    if (world.cells[c] == 1 + recipes.MaterialCount() + station) return static_cast<int>(c);
  }
  return -1;
}

}  // namespace

Plan PlanGoal(const Recipes& recipes, const World& world) {
  Plan plan;
  std::vector<Phase> phases;
  for (int tool : recipes.ToolsNeeded(world.goal)) {
    if (world.tools[static_cast<size_t>(tool)]) continue;
    const Tool& t = recipes.tools[static_cast<size_t>(tool)];
    phases.push_back({t.inputs, StationCell(recipes, world, t.station), tool});
  }
  const Form& form = recipes.forms[static_cast<size_t>(world.goal.form)];
  Phase goal{std::vector<int>(static_cast<size_t>(recipes.MaterialCount()), 0),
             StationCell(recipes, world, form.station), -1};
  goal.need[static_cast<size_t>(world.goal.material)] = form.units;
  phases.push_back(goal);
  // Carried units count towards the phases in order (a craft uses only its
  // inputs, so what one phase does not need is still there for the next).
  std::vector<int> carried = world.carried;
  for (Phase& p : phases) {
    for (size_t m = 0; m < carried.size(); ++m) {
      const int use = std::min(carried[m], p.need[m]);
      p.need[m] -= use;
      carried[m] -= use;
    }
  }
  for (const Phase& p : phases) {
    if (p.station_cell < 0) return plan;
  }
  Search search(world, phases);
  const std::vector<Visit> visits = search.Shortest();
  if (!search.found()) return plan;
  plan.solvable = true;

  int x = world.x, y = world.y;
  for (const Visit& v : visits) {
    Subtask task;
    if (v.craft) {
      task.kind = Subtask::Kind::kCraft;
      task.tool = phases[static_cast<size_t>(v.phase)].tool;
    } else {
      task.material = world.cells[static_cast<size_t>(v.cell)] - 1;
    }
    // Consecutive units of one material are one subtask ("get iron").
    const bool same = !plan.subtasks.empty() && !v.craft &&
                      plan.subtasks.back().kind == Subtask::Kind::kCollect &&
                      plan.subtasks.back().material == task.material;
    if (!same) plan.subtasks.push_back(task);
    const int index = static_cast<int>(plan.subtasks.size()) - 1;
    const int tx = v.cell % world.width, ty = v.cell / world.width;
    auto move = [&](int action) {
      plan.actions.push_back(action);
      plan.subtask_of_step.push_back(index);
    };
    for (; x < tx; ++x) move(kRight);
    for (; x > tx; --x) move(kLeft);
    for (; y < ty; ++y) move(kDown);
    for (; y > ty; --y) move(kUp);
    move(v.craft ? kCraft : kMine);
  }
  return plan;
}

}  // namespace advlab::envs::crafting
