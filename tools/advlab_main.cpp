// advlab: one program, one subcommand per job.
//   exit 0  success
//   exit 2  bad input (config key, data file, arguments); the message names it
//   exit 1  an internal error (a bug: please report it)
//   exit 130  stopped by Ctrl-C or SIGTERM after saving what was done
#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <string>

#include "core/build_info.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "distributed/launch_env.h"
#include "nn/allocator.h"
#include "tools/commands.h"

namespace {

constexpr const char* kHelp = R"(usage: advlab <job> [options]   (advlab <job> --help for details)

advlab: a lab for adversarial environment design and robustness research.

jobs:
  forecast   GPT-N extrapolation: fits, bootstrap bands, backtests, forecasts
  report     rebuild or join HTML reports from run directories
  maze       held-out mazes and level generators: list, show, generate
  life       the Game-of-Life side-effects world: generate levels with idle and
             random baselines, show a level or a random episode
  side-effects  PPO and AUP (attainable utility preservation) in that world, resumable
  language   rewards from language: learning a reward from linguistic feedback
  crafting   Ask Your Humans: instruction-generating imitation in a crafting world
  paired     unsupervised environment design: DR, PAIRED, minimax, PLR, PLR-perp, ACCEL,
             REPAIRED in maze worlds, resumable
  compare    join paired runs into a comparison of methods over seeds
  eval       zero-shot evaluation of a checkpoint on the held-out mazes
  clip       train the CLIP-style zero-shot classifier (clip train)
  attack     robust-accuracy sweep and Fort's relabeling test on a zero-shot classifier
  demo       run every module's job on its default config, one joined report
  launch     run a job as N processes (torchrun's conventions; paired, eval and attack share their work out)

options:
  --help      this message
  --version   the advlab version and commit
)";

}  // namespace

int main(int argc, char** argv) {
  using advlab::Args;
  const std::map<std::string, int (*)(const Args&)> jobs = {
      {"forecast", advlab::ForecastCommand},
      {"report", advlab::ReportCommand},
      {"demo", advlab::DemoCommand},
      {"maze", advlab::MazeCommand},
      {"paired", advlab::PairedCommand},
      {"eval", advlab::EvalCommand},
      {"clip", advlab::ClipCommand},
      {"attack", advlab::AttackCommand},
      {"compare", advlab::CompareCommand},
      {"life", advlab::LifeCommand},
      {"side-effects", advlab::SideEffectsCommand},
      {"launch", advlab::LaunchCommand},
      {"language", advlab::LanguageCommand},
      {"crafting", advlab::CraftingCommand},
  };
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    std::fputs(kHelp, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (!std::strcmp(argv[1], "--version")) {
    std::printf("advlab %s (commit %s)\n", advlab::Version().c_str(), advlab::GitCommit().c_str());
    return 0;
  }
  advlab::nn::KeepFreedMemory();
  auto job = jobs.find(argv[1]);
  if (job == jobs.end()) {
    std::fprintf(stderr, "advlab: unknown job '%s'\n\n%s", argv[1], kHelp);
    return 2;
  }
  try {
    // Jobs that share their work across ranks; any other under `advlab
    // launch` would run as N independent copies writing the same run.
    const std::string name = argv[1];
    if (advlab::distributed::ReadLaunchEnv().distributed() && name != "eval" && name != "attack" &&
        name != "paired") {
      throw advlab::InputError(name +
                               " does not run distributed (paired, eval and attack do); run it "
                               "without advlab launch or WORLD_SIZE");
    }
    return job->second(Args(argv + 2, argv + argc));
  } catch (const advlab::core::Interrupted& e) {
    std::fprintf(stderr, "advlab %s: interrupted: %s\n", argv[1], e.what());
    return advlab::core::kInterruptedExitStatus;
  } catch (const advlab::distributed::PeerFailure& e) {
    std::fprintf(stderr, "advlab %s: distributed job failed: %s\n", argv[1], e.what());
    return 1;
  } catch (const advlab::InputError& e) {
    std::fprintf(stderr, "advlab %s: error: %s\n", argv[1], e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "advlab %s: internal error: %s\n", argv[1], e.what());
    return 1;
  }
}
