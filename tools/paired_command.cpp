#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

#include "core/csv_reader.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "distributed/connect.h"
#include "paired/train_job.h"
#include "paired/ued_checkpoint.h"
#include "report/run_lock.h"
#include "tools/commands.h"
#include "tools/job.h"
#include "tools/job_setup.h"

namespace advlab {
namespace {

constexpr const char* kHelp = R"(usage: advlab paired [--config FILE] [--out DIR] [key=value ...]
       advlab paired --resume RUN_DIR [key=value ...]

Unsupervised environment design in maze worlds (Dennis et al. 2020). Each
update the levels are designed (by the teacher, or drawn at random for dr),
the students play them, the teacher is paid its regret, and all learn by PPO.
  ued.method   paired    teacher rewarded by A_max - P_mean (antagonist, protagonist)
               flexible  the role swap of flexible PAIRED
               minimax   teacher rewarded by -P_mean; no antagonist
               dr        random levels; one student
               plr       random levels and a replayed buffer (prioritized level replay)
               plr_perp  PLR whose students learn only on replayed levels
               accel     PLR-perp from empty rooms, plus edits of replayed levels
               repaired  PAIRED's teacher with PLR-perp curation, a buffer per student
Default config: configs/paired.yaml (configs/dr.yaml: the DR student demo).

  --resume RUN_DIR   continue from RUN_DIR/checkpoints/latest.pt with the run's
                     own config.yaml; only train.updates (not below the updates
                     done), train.max_env_steps, train.checkpoint_every,
                     train.gallery_every, eval.*, threads.*, device and
                     ued.concurrent_students may be overridden

Writes config.yaml, manifest.json, metrics.csv (one row per update),
baseline.csv, checkpoints/, figures/ and report.html.

Under `advlab launch --nproc N -- paired ...` the N ranks share the worlds
out and compute what one process does; rank 0 writes, and a run resumes
with any number of ranks up to ppo.worlds (distributed/README.md).
)";

// What a resumed run may change: the budget, logging, evaluation and where
// it runs. Everything else is fixed by the checkpoint (shapes, method, seed,
// hyper-parameters) and would be ignored or break the load.
const std::vector<std::string> kResumablePrefixes = {"train.updates=",
                                                     "train.max_env_steps=",
                                                     "train.checkpoint_every=",
                                                     "train.gallery_every=",
                                                     "eval.",
                                                     "threads.",
                                                     "device=",
                                                     "ued.concurrent_students="};

void CheckResumeOverrides(const std::vector<std::string>& overrides) {
  for (const std::string& item : overrides) {
    auto allowed = [&](const std::string& prefix) { return item.rfind(prefix, 0) == 0; };
    if (std::none_of(kResumablePrefixes.begin(), kResumablePrefixes.end(), allowed)) {
      throw InputError("paired --resume: " + item.substr(0, item.find('=')) +
                       " is fixed by the checkpoint and cannot change on resume (allowed: "
                       "train.updates, train.max_env_steps, train.checkpoint_every, "
                       "train.gallery_every, eval.*, threads.*, device, ued.concurrent_students)");
    }
  }
}

// Under `advlab launch` the ranks share the worlds out (paired/ued_ranks.h)
// and rank 0 alone writes the run; null when the job runs alone.
std::shared_ptr<distributed::Collective> ConnectRanks(const paired::TrainOptions& options) {
  const distributed::LaunchEnv launch = distributed::ReadLaunchEnv();
  if (launch.world_size > options.ppo.worlds) {
    throw InputError("ppo.worlds=" + std::to_string(options.ppo.worlds) +
                     " cannot be shared out among " + std::to_string(launch.world_size) +
                     " ranks (each needs at least one world)");
  }
  return distributed::Connect(launch);
}

bool Follower() { return distributed::ReadLaunchEnv().rank != 0; }

// A rank other than 0: trains alongside rank 0 and writes nothing.
void FollowRankZero(const paired::TrainOptions& options, const std::filesystem::path& run_dir,
                    bool resume, distributed::Collective& group) {
  core::InterruptScope interrupts("paired");
  if (paired::RunTraining(options, run_dir, resume, &group).interrupted) {
    throw core::Interrupted("rank " + std::to_string(distributed::RankOf(group)) +
                            " stopped with rank 0, which saved the checkpoint");
  }
}

// What the ranks exchanged per update, in the manifest and on the console.
void ReportCommunication(report::RunDir& run, const paired::TrainSummary& summary) {
  if (summary.ranks < 2) return;
  const int updates = std::max(1, summary.last_update + 1 - summary.first_update);
  const double megabytes = summary.communication_bytes / updates / 1e6;
  const double milliseconds = summary.communication_seconds / updates * 1e3;
  run.SetManifest("communication_mb_per_update", megabytes);
  run.SetManifest("communication_ms_per_update", milliseconds);
  std::printf(
      "paired: %d ranks; rank 0 sent %.3f MB per update and spent %.1f ms per update in "
      "collectives\n",
      summary.ranks, megabytes, milliseconds);
}

// Trains, recording a failure in the manifest (status "failed" and why)
// rather than leaving it "running". Ctrl-C stops after the update in
// progress, with a checkpoint to resume from.
paired::TrainSummary Train(const paired::TrainOptions& options, report::RunDir& run, bool resume,
                           distributed::Collective* group) {
  core::InterruptScope interrupts("paired");
  paired::TrainSummary summary =
      RecordFailure(run, [&] { return paired::RunTraining(options, run.path(), resume, group); });
  if (summary.interrupted) {
    const std::string resume_command = "advlab paired --resume " + run.path().string();
    run.SetManifest("train_seconds", summary.seconds);
    run.Interrupt(resume_command);
    throw core::Interrupted("stopped after update " + std::to_string(summary.last_update + 1) +
                            " of " + std::to_string(options.updates) +
                            " with its checkpoint saved; carry on with: " + resume_command);
  }
  return summary;
}

JobSetup<paired::TrainOptions> SetUpPairedJob(const JobArgs& args) {
  auto setup = SetUpJob<paired::TrainOptions>("paired", args, paired::ReadTrainOptions);
  paired::CheckTrainingInputs(setup.options);
  return setup;
}

void CheckPairedJob(const JobArgs& args) { SetUpPairedJob(args); }

std::string RunPairedJob(const JobArgs& args, const std::optional<std::filesystem::path>& out) {
  JobSetup<paired::TrainOptions> setup = SetUpPairedJob(args);
  const paired::TrainOptions& options = setup.options;
  std::shared_ptr<distributed::Collective> group = ConnectRanks(options);
  if (group && distributed::RankOf(*group) != 0) {
    FollowRankZero(options, {}, /*resume=*/false, *group);
    return "";
  }
  report::RunDir run = StartRun("paired", args, setup.config, options.seed, out);
  report::RunLock lock(run.path());
  if (group) run.SetManifest("ranks", distributed::SizeOf(*group));
  std::printf("paired: %s (%s)\n", run.path().c_str(),
              paired::UedMethodName(options.method).c_str());
  paired::TrainSummary summary = Train(options, run, /*resume=*/false, group.get());
  run.SetManifest("train_seconds", summary.seconds);
  ReportCommunication(run, summary);
  run.Finish();
  std::printf(
      "paired: %d updates in %.1f s; protagonist solved rate over the last tenth %.3f "
      "(random policy %.3f)\n",
      summary.last_update + 1, summary.seconds, summary.final_solved_rate,
      summary.random_solved_rate);
  std::printf("paired: report %s\n", (run.path() / "report.html").c_str());
  return run.path().string();
}

}  // namespace

const Job& PairedJob() {
  static const Job job{"paired", "paired", kHelp, CheckPairedJob, RunPairedJob};
  return job;
}

int PairedCommand(const Args& argv) {
  JobArgs args = ParseJobArgs(argv, {"--resume"});
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (!args.positional.empty())
    throw InputError("paired: unexpected argument '" + args.positional[0] + "'");
  auto resume = args.flags.find("--resume");
  if (resume != args.flags.end()) {
    if (args.config || args.out) throw InputError("paired: --resume takes no --config or --out");
    std::filesystem::path run_dir = resume->second;
    const std::filesystem::path latest = run_dir / "checkpoints" / "latest.pt";
    if (!std::filesystem::is_regular_file(latest)) {
      throw InputError(run_dir.string() + ": no checkpoints/latest.pt to resume from");
    }
    // Everything is checked before the run's files are touched.
    // Rank 0 holds the run; the others only read its checkpoint.
    std::optional<report::RunLock> lock;
    if (!Follower()) lock.emplace(run_dir);
    CheckResumeOverrides(args.overrides);
    args.config = (run_dir / "config.yaml").string();
    JobSetup<paired::TrainOptions> setup = SetUpPairedJob(args);
    const paired::TrainOptions& options = setup.options;
    const int done = paired::CheckpointedUpdates(latest);
    if (options.updates < done) {
      throw InputError("paired --resume: train.updates=" + std::to_string(options.updates) +
                       " is below the " + std::to_string(done) + " updates already done");
    }
    // The run's own records must cover the checkpoint, or the resumed files
    // would silently start in the middle.
    for (const char* file : {"metrics.csv", "baseline.csv"}) {
      if (!std::filesystem::is_regular_file(run_dir / file)) {
        throw InputError((run_dir / file).string() + ": missing; cannot resume this run");
      }
    }
    const size_t logged = core::ReadCsv(run_dir / "metrics.csv").rows.size();
    if (logged < static_cast<size_t>(done)) {
      throw InputError((run_dir / "metrics.csv").string() + ": holds " + std::to_string(logged) +
                       " updates but the checkpoint has " + std::to_string(done) +
                       "; cannot resume this run");
    }
    std::shared_ptr<distributed::Collective> group = ConnectRanks(options);
    if (group && distributed::RankOf(*group) != 0) {
      FollowRankZero(options, run_dir, /*resume=*/true, *group);
      return 0;
    }
    report::RunDir run = report::RunDir::Reopen(run_dir);
    run.WriteConfig(setup.config.ResolvedYaml());
    run.SetManifest("resumed", true);
    run.SetManifest("ranks", group ? distributed::SizeOf(*group) : 1);
    run.Start();
    paired::TrainSummary summary = Train(options, run, /*resume=*/true, group.get());
    ReportCommunication(run, summary);
    run.Finish();
    std::printf(
        "paired: resumed at update %d, finished update %d; solved rate %.3f (random %.3f)\n",
        summary.first_update, summary.last_update, summary.final_solved_rate,
        summary.random_solved_rate);
    return 0;
  }
  return RunJobCommand(PairedJob(), args);
}

}  // namespace advlab
