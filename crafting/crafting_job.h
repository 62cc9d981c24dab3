#pragma once
// The crafting job (`advlab crafting`): for each of `seeds` seeds, planner
// demonstrations with instructions on the training goals, both imitation
// agents trained on them, and both evaluated on seen and held-out goals.
// Writes into the run directory
//   goals.csv         success per seed, agent and goal (Wilson interval), steps, instruction match
//   seeds.csv         success per seed, agent and split
//   summary.csv       mean and sd over seeds per agent and split
//   training.csv      loss per seed, agent and epoch
//   instructions.csv  generated instructions on held-out goals beside the planner's subtask
//   figures/, images/, report.html
#include <filesystem>
#include <string>
#include <vector>

#include "crafting/crafting_options.h"

namespace advlab::crafting {

// Success rates over seeds for one agent on one split.
struct SplitScore {
  std::string agent, split;  // "action imitation" | "instruction generation"; "seen" | "held-out"
  std::vector<double> per_seed;
  double mean = 0, sd = 0;
};

struct CraftingSummary {
  double seconds = 0;
  int64_t demonstration_steps = 0;  // per seed
  int train_goals = 0, held_out_goals = 0;
  std::vector<SplitScore> scores;
  // Hierarchical agent: generated instructions naming the planner's subtask
  // (NaN where there were no such steps, e.g. no held-out goals).
  double instruction_match_seen = 0, instruction_match_held_out = 0;
};

// Loads and checks the recipes, the instructions, the split, the world's
// size and every demonstration's length (InputError naming file and key)
// before anything is written; `config` names the config file in messages
// about its keys.
void CheckCraftingInputs(const CraftingOptions& options, const std::string& config);
CraftingSummary RunCraftingJob(const CraftingOptions& options,
                               const std::filesystem::path& run_dir);

}  // namespace advlab::crafting
