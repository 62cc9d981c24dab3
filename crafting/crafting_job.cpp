#include "crafting/crafting_job.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <future>

#include "core/binomial.h"
#include "core/error.h"
#include "core/seed_streams.h"
#include "crafting/crafting_eval.h"
#include "crafting/crafting_report.h"
#include "crafting/imitation.h"
#include "nn/device.h"
#include "report/table.h"

namespace advlab::crafting {
namespace fs = std::filesystem;
namespace cw = envs::crafting;
using report::Table;

namespace {

struct Inputs {
  cw::Recipes recipes;
  InstructionTemplates templates;
  GoalSplit split;
};

Inputs LoadInputs(const CraftingOptions& options) {
  Inputs in{cw::LoadRecipes(options.recipes_file),
            LoadInstructionTemplates(options.instructions_file),
            {}};
  in.split = SplitGoals(in.recipes, options.held_out, "split.held_out");
  cw::CraftingWorlds check(in.recipes, options.world, 1);  // the layout must hold every goal
  return in;
}

adversarial::WordTokenizer BuildTokenizer(const Inputs& in) {
  const std::vector<std::string> corpus = in.templates.Corpus(in.recipes);
  size_t longest = 0;
  for (const std::string& text : corpus) {
    longest = std::max(longest, adversarial::WordTokenizer::Words(text).size());
  }
  // One more position for the end of an instruction (pad).
  return adversarial::WordTokenizer::Build(corpus, static_cast<int>(longest) + 1);
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

void MeanSd(SplitScore& s) {
  double sum = 0, squares = 0;
  for (double v : s.per_seed) sum += v;
  s.mean = sum / static_cast<double>(s.per_seed.size());
  for (double v : s.per_seed) squares += (v - s.mean) * (v - s.mean);
  // A sample sd of one seed is undefined: NaN, an empty cell in the CSV.
  s.sd = s.per_seed.size() > 1 ? std::sqrt(squares / static_cast<double>(s.per_seed.size() - 1))
                               : std::nan("");
}

// Validation demonstrations: new layouts of the training goals, a fifth as
// many as for training.
int ValidationPerGoal(const CraftingOptions& options) {
  return std::max(1, options.demos_per_goal / 5);
}

// The demonstrations of every seed, training and validation.
void ForEachDemonstrationSet(const CraftingOptions& options,
                             const std::function<void(uint64_t, int, const std::string&)>& each) {
  for (int k = 0; k < options.seeds; ++k) {
    const uint64_t seed = options.seed + static_cast<uint64_t>(k);
    each(seed, options.demos_per_goal, "crafting_demo");
    each(seed, ValidationPerGoal(options), "crafting_validation");
  }
}

}  // namespace

void CheckCraftingInputs(const CraftingOptions& options, const std::string& config) {
  const cw::Recipes recipes = cw::LoadRecipes(options.recipes_file);
  LoadInstructionTemplates(options.instructions_file);
  // The remaining checks are about the config's keys (split.held_out,
  // world.*, device): their messages name the key, and here the file.
  try {
    const Inputs in = LoadInputs(options);
    nn::ResolveDevice(options.device);
    ForEachDemonstrationSet(options, [&](uint64_t seed, int per_goal, const std::string& stream) {
      CheckDemonstrations(in.recipes, options.world, in.split.train, per_goal, seed, stream);
    });
  } catch (const InputError& e) {
    throw InputError(config + ": " + e.what());
  }
}

CraftingSummary RunCraftingJob(const CraftingOptions& options, const fs::path& run_dir) {
  const auto started = std::chrono::steady_clock::now();
  const Inputs in = LoadInputs(options);
  const torch::Device device = nn::ResolveDevice(options.device);
  const adversarial::WordTokenizer tokenizer = BuildTokenizer(in);
  cw::CraftingWorlds shape(in.recipes, options.world, 1);
  const NetShapes shapes{shape.PlaneCount(),  shape.ViewHeight(),          shape.ViewWidth(),
                         shape.CarriedSize(), tokenizer.vocabulary_size(), tokenizer.context()};
  const torch::Tensor goal_words = GoalWords(in.recipes, tokenizer);

  CraftingSummary summary;
  summary.train_goals = static_cast<int>(in.split.train.size());
  summary.held_out_goals = static_cast<int>(in.split.held_out.size());
  const std::vector<std::string> agents = {"action imitation", "instruction generation"};
  for (const std::string& agent : agents) {
    for (const char* split : {"seen", "held-out"})
      summary.scores.push_back({agent, split, {}, 0, 0});
  }
  Table goals({"seed", "agent", "goal", "split", "episodes", "successes", "success_rate",
               "success_low", "success_high", "mean_steps", "instruction_match"});
  Table seeds({"seed", "agent", "split", "success_rate"});
  Table training({"seed", "agent", "epoch", "loss", "train", "validation"});
  Table instructions({"seed", "goal", "step", "generated", "planner_subtask", "episode_success"});
  CraftingPictures pictures;
  int match_steps[2] = {0, 0}, matches[2] = {0, 0};

  for (int k = 0; k < options.seeds; ++k) {
    const uint64_t seed = options.seed + static_cast<uint64_t>(k);
    const auto seed_started = std::chrono::steady_clock::now();
    const Demonstrations demos = GenerateDemonstrations(
        in.recipes, options.world, in.templates, in.split.train, options.demos_per_goal, seed);
    summary.demonstration_steps = demos.size();
    const DemoTensors tensors = ToTensors(demos, shapes, goal_words, tokenizer);
    const DemoTensors validation =
        ToTensors(GenerateDemonstrations(in.recipes, options.world, in.templates, in.split.train,
                                         ValidationPerGoal(options), seed, "crafting_validation"),
                  shapes, goal_words, tokenizer);
    const ImitationData data{tensors, validation};
    std::printf("crafting: seed %llu: %d demonstrations, %lld steps; training...\n",
                static_cast<unsigned long long>(seed), demos.episodes,
                static_cast<long long>(demos.size()));
    std::fflush(stdout);
    // The agents are independent: each trains on its own core.
    LossCurve flat_curve, hierarchical_curve;
    std::future<ActionImitation> flat_training = std::async(std::launch::async, [&] {
      return TrainActionImitation(data, shapes, options, seed, device, &flat_curve);
    });
    HierarchicalAgent hierarchical =
        TrainHierarchical(data, shapes, options, seed, device, &hierarchical_curve);
    ActionImitation flat = flat_training.get();
    std::printf("crafting: seed %llu: demonstrations and training in %.1f s; evaluating...\n",
                static_cast<unsigned long long>(seed), Seconds(seed_started));
    std::fflush(stdout);
    // Columns of the curves: action imitation [train, validation],
    // hierarchical [words, action, validation words, validation action].
    pictures.losses.resize(flat_curve.size(), std::vector<double>(6, 0.0));
    for (size_t e = 0; e < flat_curve.size(); ++e) {
      const std::vector<double>& f = flat_curve[e];
      const std::vector<double>& h = hierarchical_curve[e];
      const double parts[6] = {f[0], h[0], h[1], f[1], h[2], h[3]};
      for (size_t c = 0; c < 6; ++c) pictures.losses[e][c] += parts[c] / options.seeds;
      const std::string epoch = std::to_string(e + 1), s = std::to_string(seed);
      training.AddRow({s, agents[0], epoch, "action", Table::Num(f[0], 5), Table::Num(f[1], 5)});
      training.AddRow(
          {s, agents[1], epoch, "instruction", Table::Num(h[0], 5), Table::Num(h[2], 5)});
      training.AddRow({s, agents[1], epoch, "action", Table::Num(h[1], 5), Table::Num(h[3], 5)});
    }

    flat->eval();
    hierarchical.generator->eval();
    hierarchical.policy->eval();
    const Agent act = [&](const torch::Tensor& planes, const torch::Tensor& carried,
                          const torch::Tensor& goal) {
      return AgentStep{flat(planes, carried, goal), {}};
    };
    const Agent instruct = [&](const torch::Tensor& planes, const torch::Tensor& carried,
                               const torch::Tensor& goal) {
      const torch::Tensor words = hierarchical.generator->Generate(planes, carried, goal);
      return AgentStep{hierarchical.policy(planes, carried, words), words};
    };
    for (size_t a = 0; a < agents.size(); ++a) {
      const Evaluation ev = EvaluateAgent(a == 0 ? act : instruct, in.recipes, options, in.split,
                                          in.templates, tokenizer, seed, device);
      int episodes[2] = {0, 0}, successes[2] = {0, 0};
      for (const GoalResult& r : ev.goals) {
        const core::Interval interval = core::WilsonInterval(r.successes, r.episodes);
        goals.AddRow(
            {std::to_string(seed), agents[a], in.recipes.GoalName(r.goal),
             r.held_out ? "held-out" : "seen", std::to_string(r.episodes),
             std::to_string(r.successes),
             Table::Num(static_cast<double>(r.successes) / r.episodes, 4),
             Table::Num(interval.low, 4), Table::Num(interval.high, 4),
             r.successes > 0 ? Table::Num(r.mean_steps, 4) : "",
             r.instruction_steps > 0
                 ? Table::Num(static_cast<double>(r.instruction_matches) / r.instruction_steps, 4)
                 : ""});
        episodes[r.held_out] += r.episodes;
        successes[r.held_out] += r.successes;
        match_steps[r.held_out] += r.instruction_steps;
        matches[r.held_out] += r.instruction_matches;
      }
      for (int h = 0; h < 2; ++h) {
        if (episodes[h] == 0) continue;
        const double rate = static_cast<double>(successes[h]) / episodes[h];
        summary.scores[a * 2 + static_cast<size_t>(h)].per_seed.push_back(rate);
        seeds.AddRow(
            {std::to_string(seed), agents[a], h ? "held-out" : "seen", Table::Num(rate, 4)});
      }
      for (const InstructionExample& e : ev.examples) {
        instructions.AddRow({std::to_string(seed), e.goal, std::to_string(e.step), e.generated,
                             e.planner, e.success ? "yes" : "no"});
      }
      if (k == 0) pictures.episodes.push_back({agents[a], ev.trail, ev.last_world});
    }
    std::printf(
        "crafting: seed %llu (%.1f s so far): success seen / held-out: action imitation "
        "%.3f / %.3f, instruction generation %.3f / %.3f\n",
        static_cast<unsigned long long>(seed), Seconds(started),
        summary.scores[0].per_seed.empty() ? 0.0 : summary.scores[0].per_seed.back(),
        summary.scores[1].per_seed.empty() ? 0.0 : summary.scores[1].per_seed.back(),
        summary.scores[2].per_seed.empty() ? 0.0 : summary.scores[2].per_seed.back(),
        summary.scores[3].per_seed.empty() ? 0.0 : summary.scores[3].per_seed.back());
    std::fflush(stdout);
  }
  Table table({"agent", "split", "success_mean", "success_sd", "seeds"});
  for (SplitScore& s : summary.scores) {
    if (s.per_seed.empty()) continue;
    MeanSd(s);
    table.AddRow({s.agent, s.split, Table::Num(s.mean, 4), Table::Num(s.sd, 4),
                  std::to_string(s.per_seed.size())});
  }
  summary.instruction_match_seen =
      match_steps[0] > 0 ? static_cast<double>(matches[0]) / match_steps[0] : std::nan("");
  summary.instruction_match_held_out =
      match_steps[1] > 0 ? static_cast<double>(matches[1]) / match_steps[1] : std::nan("");
  goals.WriteCsv(run_dir / "goals.csv");
  seeds.WriteCsv(run_dir / "seeds.csv");
  table.WriteCsv(run_dir / "summary.csv");
  training.WriteCsv(run_dir / "training.csv");
  instructions.WriteCsv(run_dir / "instructions.csv");

  pictures.recipes = in.recipes;
  pictures.demo_world.emplace();
  {
    // A planner demonstration of the first held-out goal, for comparison.
    cw::CraftingWorlds world(in.recipes, options.world, 1);
    const cw::Goal goal =
        in.split.held_out.empty() ? in.split.train.front() : in.split.held_out.front();
    world.Reset(0, goal, StreamSeed(options.seed, "crafting_picture"));
    const cw::Plan plan = cw::PlanGoal(in.recipes, world.world(0));
    pictures.demo_trail.emplace_back(world.world(0).x, world.world(0).y);
    for (int action : plan.actions) {
      world.Step({action});
      pictures.demo_trail.emplace_back(world.world(0).x, world.world(0).y);
    }
    *pictures.demo_world = world.world(0);
  }
  summary.seconds = Seconds(started);
  WriteCraftingReport(options, summary, pictures, run_dir);
  return summary;
}

}  // namespace advlab::crafting
