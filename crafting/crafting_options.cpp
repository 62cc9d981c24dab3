#include "crafting/crafting_options.h"

#include "core/build_info.h"
#include "core/config.h"

namespace advlab::crafting {

CraftingOptions ReadCraftingOptions(core::Config& config) {
  CraftingOptions o;
  o.seed = static_cast<uint64_t>(config.Int("seed", 0, 0, 1LL << 62));
  o.seeds = static_cast<int>(config.Int("seeds", o.seeds, 1, 100));
  const std::filesystem::path data = ProjectHome() / "crafting" / "data";
  o.recipes_file = config.RequiredPath("recipes.file", (data / "recipes.yaml").string());
  o.instructions_file =
      config.RequiredPath("instructions.file", (data / "instructions.yaml").string());
  o.world.width = static_cast<int>(config.Int("world.width", o.world.width, 3, 64));
  o.world.height = static_cast<int>(config.Int("world.height", o.world.height, 3, 64));
  o.world.resources_per_material = static_cast<int>(
      config.Int("world.resources_per_material", o.world.resources_per_material, 1, 64));
  o.world.max_steps = static_cast<int>(config.Int("world.max_steps", o.world.max_steps, 1, 100000));
  o.held_out = config.Strings("split.held_out", o.held_out);
  o.demos_per_goal = static_cast<int>(config.Int("demos.per_goal", o.demos_per_goal, 1, 1000000));
  o.net.channels = static_cast<int>(config.Int("net.channels", o.net.channels, 1, 1024));
  o.net.hidden = static_cast<int>(config.Int("net.hidden", o.net.hidden, 1, 4096));
  o.net.embedding = static_cast<int>(config.Int("net.embedding", o.net.embedding, 1, 1024));
  o.epochs = static_cast<int>(config.Int("train.epochs", o.epochs, 1, 10000));
  o.batch = static_cast<int>(config.Int("train.batch", o.batch, 1, 1 << 20));
  o.lr = config.Number("train.lr", o.lr, 1e-7, 1.0);
  o.eval_episodes = static_cast<int>(config.Int("eval.episodes", o.eval_episodes, 1, 100000));
  o.eval_examples = static_cast<int>(config.Int("eval.examples", o.eval_examples, 0, 1000));
  o.device = config.String("device", o.device);
  return o;
}

}  // namespace advlab::crafting
