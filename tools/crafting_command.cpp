// `advlab crafting`: Ask Your Humans' two imitation agents in the crafting
// world (crafting/), with the run-directory and report conventions of the
// other jobs.
#include <cstdio>

#include "crafting/crafting_job.h"
#include "tools/commands.h"
#include "tools/job.h"
#include "tools/job_setup.h"

namespace advlab {
namespace {

constexpr const char* kHelp =
    R"(usage: advlab crafting [--config FILE] [--out DIR] [key=value ...]

Ask Your Humans (Chen et al. 2021) in a Minecraft-like crafting world: a
scripted planner demonstrates the training goals (materials in forms, e.g.
"iron ingot"), narrating each subtask with a templated instruction; two agents
learn by imitation from the same demonstrations: (a) action imitation from
state and goal, (b) an instruction generator (a GRU language model over the
lab's word tokenizer) and a policy that acts from the state and the
instruction it generated. Both are scored on new layouts of the seen goals
and of held-out goals, new combinations of seen materials and forms, over
`seeds` seeds. Recipes: crafting/data/recipes.yaml; instructions:
crafting/data/instructions.yaml.
Default config: configs/crafting.yaml (keys: crafting/crafting_options.h).

Writes config.yaml, manifest.json, summary.csv, seeds.csv, goals.csv,
training.csv, instructions.csv, figures/, images/ and report.html.
)";

auto SetUp(const JobArgs& args) {
  auto setup = SetUpJob<crafting::CraftingOptions>("crafting", args, crafting::ReadCraftingOptions);
  crafting::CheckCraftingInputs(setup.options, setup.config.source());
  return setup;
}

void Check(const JobArgs& args) { SetUp(args); }

std::string Run(const JobArgs& args, const std::optional<std::filesystem::path>& out) {
  auto setup = SetUp(args);
  report::RunDir run = StartRun("crafting", args, setup.config, setup.options.seed, out);
  const crafting::CraftingSummary summary =
      RecordFailure(run, [&] { return crafting::RunCraftingJob(setup.options, run.path()); });
  run.Finish();
  std::printf("crafting: %.1f s; success over %d seed(s), mean ± sd:\n", summary.seconds,
              setup.options.seeds);
  for (const crafting::SplitScore& s : summary.scores) {
    if (s.per_seed.empty()) continue;  // no held-out goals
    std::printf("  %-24s %-9s %.3f", s.agent.c_str(), s.split.c_str(), s.mean);
    if (s.per_seed.size() > 1) std::printf(" ± %.3f", s.sd);
    std::printf("\n");
  }
  if (summary.held_out_goals > 0) {
    std::printf("  generated instructions naming the planner's subtask: held-out %.3f, seen %.3f\n",
                summary.instruction_match_held_out, summary.instruction_match_seen);
  }
  std::printf("crafting: report %s\n", (run.path() / "report.html").c_str());
  return run.path().string();
}

}  // namespace

const Job& CraftingJob() {
  static const Job job{"crafting", "crafting", kHelp, Check, Run};
  return job;
}

int CraftingCommand(const Args& argv) { return RunJobCommand(CraftingJob(), ParseJobArgs(argv)); }

}  // namespace advlab
