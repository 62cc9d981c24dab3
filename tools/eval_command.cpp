#include <cstdio>
#include <memory>
#include <sstream>

#include "core/build_info.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "distributed/connect.h"
#include "envs/maze_catalog.h"
#include "paired/eval_job.h"
#include "tools/commands.h"
#include "tools/job_setup.h"

namespace advlab {
namespace {

constexpr const char* kHelp =
    R"(usage: advlab eval CHECKPOINT [--mazes all|NAME,...] [--episodes 100]
                   [--seed S] [--agent protagonist] [--out DIR]

Zero-shot evaluation of a trained student on the held-out mazes: solve rate
(with its 95% Wilson interval), mean return and mean steps per maze (eval.csv)
beside every method's published solve rates, and one trajectory picture per
maze. Ctrl-C stops after the mazes finished and keeps them (exit 130).
  --mazes     "all" (ten named + six procedural) or a comma-separated list
  --agent     which student of the checkpoint: protagonist (default; the only
              student of DR and minimax runs) or antagonist (PAIRED runs)
Under `advlab launch --nproc N -- eval ...` the ranks share the mazes out (maze
m on rank m mod N) and rank 0 writes the same files as one process would.
)";

std::vector<std::string> SplitMazes(const std::string& text) {
  std::vector<std::string> mazes;
  if (text == "all") {
    mazes = envs::NamedMazes();
    for (const std::string& m : envs::ProceduralMazes()) mazes.push_back(m);
    return mazes;
  }
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    if (!item.empty()) mazes.push_back(item);
  }
  if (mazes.empty()) throw InputError("eval: --mazes lists no maze");
  return mazes;
}

}  // namespace

int EvalCommand(const Args& argv) {
  JobArgs args = ParseJobArgs(argv, {"--mazes", "--episodes", "--seed", "--agent"});
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (args.positional.size() != 1)
    throw InputError("eval: give exactly one CHECKPOINT (see --help)");
  auto agent_flag = args.flags.find("--agent");
  std::string agent = agent_flag == args.flags.end() ? "protagonist" : agent_flag->second;
  if (agent != "protagonist" && agent != "antagonist") {
    throw InputError("eval: --agent must be protagonist or antagonist, not '" + agent + "'");
  }
  std::filesystem::path checkpoint = args.positional[0];
  if (!std::filesystem::exists(checkpoint))
    throw InputError(checkpoint.string() + ": no such checkpoint");
  auto mazes_flag = args.flags.find("--mazes");
  std::vector<std::string> mazes =
      SplitMazes(mazes_flag == args.flags.end() ? "all" : mazes_flag->second);
  std::mt19937_64 probe(0);
  for (const std::string& maze : mazes)
    envs::LoadMaze(maze, ProjectHome() / "envs" / "mazes", probe);
  int episodes = static_cast<int>(args.IntFlag("--episodes", 100, 1, 100000));
  uint64_t seed = static_cast<uint64_t>(args.IntFlag("--seed", 0, 0, 1LL << 62));
  paired::CheckCheckpoint(checkpoint, agent);

  core::Config config = core::Config::Load(std::nullopt, args.overrides);
  auto threads = ApplyThreadSettings(config);
  config.RejectUnknownKeys();
  // Under `advlab launch` the ranks share the mazes out; rank 0 writes.
  const distributed::LaunchEnv launch = distributed::ReadLaunchEnv();
  std::shared_ptr<distributed::Collective> group = distributed::Connect(launch);
  // Every rank heeds Ctrl-C (advlab launch passes it on): each stops after
  // its maze in progress and rank 0 keeps all the finished ones.
  core::InterruptScope interrupts("eval");
  if (group) {
    if (distributed::RankOf(*group) != 0) {
      paired::RunEvaluation(checkpoint, mazes, episodes, seed, ProjectHome() / "envs" / "mazes", {},
                            agent, group.get());
      return 0;
    }
  }
  report::RunDir run = StartRun("eval", args, config, seed);
  if (group) run.SetManifest("ranks", distributed::SizeOf(*group));
  run.SetManifest("checkpoint", std::filesystem::absolute(checkpoint).string());
  paired::EvalSummary summary = RecordFailure(run, [&] {
    return paired::RunEvaluation(checkpoint, mazes, episodes, seed,
                                 ProjectHome() / "envs" / "mazes", run.path(), agent, group.get());
  });
  if (summary.interrupted()) {
    run.Interrupt("eval.csv holds the mazes finished; run the evaluation again for the rest");
    throw core::Interrupted(std::to_string(summary.mazes) + " of " +
                            std::to_string(summary.mazes_requested) + " mazes evaluated; " +
                            (run.path() / "eval.csv").string() + " holds them");
  }
  run.Finish();
  std::printf("eval: %d mazes, mean solve rate %.3f; %s\n", summary.mazes, summary.mean_solve_rate,
              (run.path() / "eval.csv").c_str());
  return 0;
}

}  // namespace advlab
