// `advlab side-effects`: PPO and AUP agents in the Game-of-Life world
// (side_effects/), with the run-directory, resume and report conventions of
// the other training jobs.
#include <algorithm>
#include <cstdio>

#include "core/csv_reader.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "report/run_lock.h"
#include "side_effects/side_effects_job.h"
#include "tools/commands.h"
#include "tools/job.h"
#include "tools/job_setup.h"

namespace advlab {
namespace {

namespace se = side_effects;

constexpr const char* kHelp =
    R"(usage: advlab side-effects [--config FILE] [--out DIR] [key=value ...]
       advlab side-effects --resume RUN_DIR [key=value ...]

Avoiding side effects in a Game-of-Life world (Turner et al. 2020, SafeLife):
  agent.penalty  none  PPO on the task reward
                 aup   attainable utility preservation: first learn Q_aux for
                       aup.aux_rewards random projections of the board, then
                       PPO on R - (lambda/n) sum_i |Q_i(s,a) - Q_i(s,noop)|
Levels: levels.task append|prune (levels.count fixed levels from levels.seed).
Default config: configs/side_effects.yaml (every key and its default are in
side_effects/side_effects_options.h).

  --resume RUN_DIR   continue from RUN_DIR/checkpoints/latest.pt with the run's
                     own config.yaml; only train.checkpoint_every,
                     eval.episodes, threads.* and device may be overridden

Writes config.yaml, manifest.json, metrics.csv (one row per update),
eval.csv, checkpoints/, figures/ and report.html.
)";

// eval.side_effect_window also scores training episodes: it stays fixed.
const std::vector<std::string> kResumable = {
    "train.checkpoint_every=", "eval.episodes=", "threads.", "device="};

se::SideEffectsSummary Train(const se::SideEffectsOptions& options, report::RunDir& run,
                             bool resume) {
  core::InterruptScope interrupts("side-effects");
  se::SideEffectsSummary summary =
      RecordFailure(run, [&] { return se::RunSideEffects(options, run.path(), resume); });
  run.SetManifest("train_seconds", summary.seconds);
  if (summary.interrupted) {
    const std::string resume_command = "advlab side-effects --resume " + run.path().string();
    run.Interrupt(resume_command);
    throw core::Interrupted("stopped after update " + std::to_string(summary.last_update + 1) +
                            " with its checkpoint saved; carry on with: " + resume_command);
  }
  run.Finish();
  const se::EpisodeOutcomes& t = summary.trained;
  std::printf("side-effects: %d updates in %.1f s", summary.last_update + 1, summary.seconds);
  if (t.episodes > 0) {
    std::printf(
        "; trained agent: reward %.2f, completion %.3f, side effects %.3f (random agent %.3f)",
        t.reward, t.completion, t.side_effects, summary.random.side_effects);
  }
  std::printf("\n");
  std::printf("side-effects: report %s\n", (run.path() / "report.html").c_str());
  return summary;
}

JobSetup<se::SideEffectsOptions> SetUp(const JobArgs& args) {
  auto setup = SetUpJob<se::SideEffectsOptions>("side_effects", args, se::ReadSideEffectsOptions);
  se::CheckSideEffectsInputs(setup.options);
  return setup;
}

void Check(const JobArgs& args) { SetUp(args); }

std::string Run(const JobArgs& args, const std::optional<std::filesystem::path>& out) {
  JobSetup<se::SideEffectsOptions> setup = SetUp(args);
  report::RunDir run = StartRun("side_effects", args, setup.config, setup.options.seed, out);
  report::RunLock lock(run.path());
  std::printf("side-effects: %s (%s)\n", run.path().c_str(),
              se::PenaltyName(setup.options.penalty).c_str());
  Train(setup.options, run, /*resume=*/false);
  return run.path().string();
}

int Resume(JobArgs args, const std::filesystem::path& run_dir) {
  if (args.config || args.out)
    throw InputError("side-effects: --resume takes no --config or --out");
  const std::filesystem::path latest = run_dir / "checkpoints" / "latest.pt";
  if (!std::filesystem::is_regular_file(latest)) {
    throw InputError(run_dir.string() + ": no checkpoints/latest.pt to resume from");
  }
  report::RunLock lock(run_dir);
  for (const std::string& item : args.overrides) {
    auto allowed = [&](const std::string& prefix) { return item.rfind(prefix, 0) == 0; };
    if (std::none_of(kResumable.begin(), kResumable.end(), allowed)) {
      throw InputError("side-effects --resume: " + item.substr(0, item.find('=')) +
                       " is fixed by the checkpoint (allowed: train.checkpoint_every, "
                       "eval.episodes, threads.*, device)");
    }
  }
  args.config = (run_dir / "config.yaml").string();
  JobSetup<se::SideEffectsOptions> setup = SetUp(args);
  const int done = se::SideEffectsCheckpointedUpdates(latest);
  const std::filesystem::path metrics = run_dir / "metrics.csv";
  if (!std::filesystem::is_regular_file(metrics) ||
      core::ReadCsv(metrics).rows.size() < static_cast<size_t>(done)) {
    throw InputError(metrics.string() + ": missing or shorter than the checkpoint's " +
                     std::to_string(done) + " updates; cannot resume this run");
  }
  report::RunDir run = report::RunDir::Reopen(run_dir);
  run.WriteConfig(setup.config.ResolvedYaml());
  run.SetManifest("resumed", true);
  run.Start();
  std::printf("side-effects: resuming %s at update %d\n", run_dir.c_str(), done);
  Train(setup.options, run, /*resume=*/true);
  return 0;
}

}  // namespace

const Job& SideEffectsJob() {
  static const Job job{"side_effects", "side-effects", kHelp, Check, Run};
  return job;
}

int SideEffectsCommand(const Args& argv) {
  JobArgs args = ParseJobArgs(argv, {"--resume"});
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (!args.positional.empty())
    throw InputError("side-effects: unexpected argument '" + args.positional[0] + "'");
  auto resume = args.flags.find("--resume");
  if (resume != args.flags.end()) return Resume(args, resume->second);
  return RunJobCommand(SideEffectsJob(), args);
}

}  // namespace advlab
