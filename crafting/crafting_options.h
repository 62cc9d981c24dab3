#pragma once
// The crafting job's options (configs/crafting.yaml). Torch-free.
//
//   key                          default  meaning
//   seed                         0        layouts, demonstrations, paraphrases and networks derive from it
//   seeds                        3        independent trainings of both agents (seed, seed+1, ...)
//   recipes.file                 crafting/data/recipes.yaml       materials, stations, tools, forms
//   instructions.file            crafting/data/instructions.yaml  paraphrases per subtask
//   world.width                  8        grid columns
//   world.height                 8        grid rows
//   world.resources_per_material 3        resource cells per material in a layout
//   world.max_steps              100      episode step limit
//   split.held_out               [cobblestone ingot, wood rod, iron stairs, gold block, diamond rod]
//                                         goals never demonstrated (each material and form seen elsewhere)
//   demos.per_goal               300      demonstrations per training goal (new layouts)
//   net.channels                 16       channels of the first convolution (the second has twice)
//   net.hidden                   128      state, goal and instruction features
//   net.embedding                32       word embeddings
//   train.epochs                 10       passes over the demonstrations
//   train.batch                  256      samples per gradient step
//   train.lr                     0.001    Adam learning rate
//   eval.episodes                40       episodes per goal, new layouts
//   eval.examples                4        held-out episodes whose generated instructions are listed
//   device                       cpu
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "envs/crafting_world.h"

namespace advlab::core {
class Config;
}

namespace advlab::crafting {

struct CraftingNetOptions {
  int channels = 16, hidden = 128, embedding = 32;
};

struct CraftingOptions {
  uint64_t seed = 0;
  int seeds = 3;
  std::filesystem::path recipes_file, instructions_file;
  envs::crafting::WorldOptions world;
  std::vector<std::string> held_out = {"cobblestone ingot", "wood rod", "iron stairs", "gold block",
                                       "diamond rod"};
  int demos_per_goal = 300;
  CraftingNetOptions net;
  int epochs = 10, batch = 256;
  double lr = 1e-3;
  int eval_episodes = 40, eval_examples = 4;
  std::string device = "cpu";
};

CraftingOptions ReadCraftingOptions(core::Config& config);

}  // namespace advlab::crafting
