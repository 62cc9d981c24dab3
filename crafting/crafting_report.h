#pragma once
// The crafting job's report: the success table over seeds first, then the
// generated instructions, the training losses and pictures of episodes.
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crafting/crafting_job.h"
#include "envs/crafting_world.h"

namespace advlab::crafting {

struct EpisodePicture {
  std::string agent;
  std::vector<std::pair<int, int>> trail;
  envs::crafting::World world;  // its last state
};

struct CraftingPictures {
  envs::crafting::Recipes recipes;
  std::vector<EpisodePicture> episodes;  // first seed, first held-out goal, per agent
  std::optional<envs::crafting::World> demo_world;
  std::vector<std::pair<int, int>> demo_trail;
  // Mean over seeds per epoch: action imitation's loss, the generator's, the
  // instructed policy's; then the same three on the validation demonstrations.
  std::vector<std::vector<double>> losses;
};

void WriteCraftingReport(const CraftingOptions& options, const CraftingSummary& summary,
                         const CraftingPictures& pictures, const std::filesystem::path& run_dir);

}  // namespace advlab::crafting
