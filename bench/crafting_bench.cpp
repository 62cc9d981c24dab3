// crafting_bench: the crafting job's pieces at the default config
// (configs/crafting.yaml: 8x8 layouts, 3 resources per material, the
// shipped recipes), one LibTorch thread:
//   world           environment steps per second (random actions, 256 worlds)
//   planner         shortest plans per second from fresh layouts
//   demonstrations  recorded demonstration steps per second (plan + observe)
//   training        imitation samples per second, per agent (one epoch)
//   evaluation      seconds for 10 episodes of each goal, per agent (the
//                   instruction generator decodes at every step and the
//                   planner scores what it said)
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include "core/build_info.h"
#include "crafting/crafting_eval.h"
#include "crafting/imitation.h"

namespace {

namespace cw = advlab::envs::crafting;
using namespace advlab::crafting;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main() {
  torch::set_num_threads(1);
  CraftingOptions options;  // the defaults of configs/crafting.yaml
  const auto data = advlab::ProjectHome() / "crafting" / "data";
  const cw::Recipes recipes = cw::LoadRecipes(data / "recipes.yaml");
  const InstructionTemplates templates = LoadInstructionTemplates(data / "instructions.yaml");
  const GoalSplit split = SplitGoals(recipes, options.held_out, "split.held_out");
  std::printf(
      "crafting_bench: %u cores, 1 LibTorch thread; %dx%d layouts, %d goals (%zu held out)\n",
      std::thread::hardware_concurrency(), options.world.width, options.world.height,
      static_cast<int>(recipes.AllGoals().size()), split.held_out.size());

  {
    const int batch = 256, steps = 2000;
    cw::CraftingWorlds worlds(recipes, options.world, batch);
    std::mt19937 rng(1);
    std::vector<int> actions(batch);
    int64_t done = 0;
    const auto start = Clock::now();
    for (int t = 0; t < steps; ++t) {
      if (t % options.world.max_steps == 0) {
        for (int i = 0; i < batch; ++i) worlds.Reset(i, {i % 5, i % 4}, rng());
      }
      for (int& a : actions) a = static_cast<int>(rng() % cw::kActions);
      worlds.Step(actions);
      done += batch;
    }
    std::printf("%-28s %12.0f steps/s\n", "world", static_cast<double>(done) / Since(start));
  }
  {
    cw::CraftingWorlds worlds(recipes, options.world, 1);
    const int plans = 20000;
    const auto start = Clock::now();
    for (int k = 0; k < plans; ++k) {
      worlds.Reset(0, recipes.AllGoals()[static_cast<size_t>(k) % 20], static_cast<uint64_t>(k));
      cw::PlanGoal(recipes, worlds.world(0));
    }
    std::printf("%-28s %12.0f plans/s\n", "planner", plans / Since(start));
  }
  auto start = Clock::now();
  const Demonstrations demos =
      GenerateDemonstrations(recipes, options.world, templates, split.train, 60, 0);
  std::printf("%-28s %12.0f steps/s (%lld steps)\n", "demonstrations",
              static_cast<double>(demos.size()) / Since(start),
              static_cast<long long>(demos.size()));

  std::vector<std::string> corpus = templates.Corpus(recipes);
  const auto tokenizer = advlab::adversarial::WordTokenizer::Build(corpus, 12);
  cw::CraftingWorlds shape(recipes, options.world, 1);
  const NetShapes shapes{shape.PlaneCount(),  shape.ViewHeight(),          shape.ViewWidth(),
                         shape.CarriedSize(), tokenizer.vocabulary_size(), tokenizer.context()};
  const DemoTensors tensors = ToTensors(demos, shapes, GoalWords(recipes, tokenizer), tokenizer);
  const DemoTensors validation =
      ToTensors(GenerateDemonstrations(recipes, options.world, templates, split.train, 1, 0, "v"),
                shapes, GoalWords(recipes, tokenizer), tokenizer);
  options.epochs = 1;
  const torch::Device cpu(torch::kCPU);
  start = Clock::now();
  ActionImitation flat =
      TrainActionImitation({tensors, validation}, shapes, options, 0, cpu, nullptr);
  std::printf("%-28s %12.0f samples/s\n", "training: action imitation",
              static_cast<double>(tensors.size()) / Since(start));
  start = Clock::now();
  HierarchicalAgent hierarchical =
      TrainHierarchical({tensors, validation}, shapes, options, 0, cpu, nullptr);
  std::printf("%-28s %12.0f samples/s\n", "training: instruction gen.",
              static_cast<double>(tensors.size()) / Since(start));

  options.eval_episodes = 10;
  const Agent act = [&](const torch::Tensor& p, const torch::Tensor& c, const torch::Tensor& g) {
    return AgentStep{flat(p, c, g), {}};
  };
  const Agent instruct = [&](const torch::Tensor& p, const torch::Tensor& c,
                             const torch::Tensor& g) {
    const torch::Tensor words = hierarchical.generator->Generate(p, c, g);
    return AgentStep{hierarchical.policy(p, c, words), words};
  };
  for (const auto& [name, agent] : {std::pair("evaluation: action imitation", act),
                                    std::pair("evaluation: instruction gen.", instruct)}) {
    start = Clock::now();
    EvaluateAgent(agent, recipes, options, split, templates, tokenizer, 0, cpu);
    const double seconds = Since(start);
    std::printf("%-28s %12.1f s for %d episodes (at most %d steps each)\n", name, seconds,
                20 * options.eval_episodes, options.world.max_steps);
  }
  return 0;
}
