#include <cstdio>

#include "adversarial/attack_job.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "distributed/connect.h"
#include "tools/commands.h"
#include "tools/job.h"
#include "tools/job_setup.h"

namespace advlab {
namespace {

constexpr const char* kHelp = R"(usage: advlab attack [--config FILE] [--out DIR] [key=value ...]

Attacks a zero-shot classifier: clean and robust accuracy for a sweep of
attacks (FGSM, PGD, APGD-CE, APGD-DLR, APGD-T, FAB, FAB-T, Square and
AutoAttack's ensemble; L-infinity and L2) and budgets, with AutoAttack's
sanity checks, then Fort's relabeling test: adversaries built against the
class names, read again under synonyms, descriptions and held-out label sets.
Ctrl-C stops between batches and keeps the budgets finished in sweep.csv.

  --config FILE   YAML config (default: configs/attack.yaml)
  --out DIR       run directory (default: runs/attack-<UTC time>)
  key=value       override a config key, e.g.
                    model.checkpoint=runs/clip-.../checkpoints/model.pt
                    sweep.attacks=[pgd_linf] relabel.attack=pgd_linf
                  AutoAttack as RobustBench runs it (APGD-CE, APGD-T, FAB-T,
                  Square): sweep.attacks=[ensemble_linf] attack.suite=standard
                    (also plus, rand, cheap, or custom with ensemble.attacks)
                  an external CLIP: model.kind=torchscript model.torchscript=FILE
                    model.bpe_merges=FILE

Writes config.yaml, manifest.json, sweep.csv, confusion.csv, checks.csv,
ensemble.csv (with an ensemble), relabel_summary.csv, relabel_pairs.csv,
adversarial_grid.png, adversarial_examples.csv, figures/ and report.html.
)";

// The options only: the demo's attack reads a model that its clip job has
// not written yet.
void CheckAttackJob(const JobArgs& args) {
  SetUpJob<adversarial::AttackJobOptions>("attack", args, adversarial::ReadAttackJobOptions);
}

std::string RunAttackJob(const JobArgs& args, const std::optional<std::filesystem::path>& out) {
  auto setup =
      SetUpJob<adversarial::AttackJobOptions>("attack", args, adversarial::ReadAttackJobOptions);
  const adversarial::AttackJobOptions& options = setup.options;
  adversarial::AttackInputs inputs = adversarial::LoadAttackInputs(options);
  // Under `advlab launch` the ranks share the batches out; rank 0 writes.
  std::shared_ptr<distributed::Collective> group =
      distributed::Connect(distributed::ReadLaunchEnv());
  if (group && distributed::RankOf(*group) != 0) {
    core::InterruptScope interrupts("attack");
    adversarial::RunAttackJob(options, inputs, {}, group.get());
    return "";
  }
  report::RunDir run = StartRun("attack", args, setup.config, options.seed, out);
  if (group) run.SetManifest("ranks", distributed::SizeOf(*group));
  std::printf("attack: %s\n", run.path().c_str());
  core::InterruptScope interrupts("attack");
  adversarial::AttackJobSummary summary = RecordFailure(
      run, [&] { return adversarial::RunAttackJob(options, inputs, run.path(), group.get()); });
  run.SetManifest("clean_accuracy", summary.clean_accuracy);
  run.Finish();
  std::printf("attack: %s; %lld images, clean accuracy %.3f\n", summary.model.c_str(),
              static_cast<long long>(summary.images), summary.clean_accuracy);
  for (const adversarial::SweepRow& row : summary.sweep) {
    std::printf("  %-10s eps %-8.4g robust accuracy %.3f  success %.3f  (%.1f s)\n",
                row.attack.c_str(), row.epsilon, row.robust_accuracy, row.success_rate,
                row.seconds);
  }
  for (const adversarial::TransferSummary& t : summary.transfer) {
    std::printf(
        "  relabel %-22s transfer %.3f  p(target) %.3f  noise %.3f  clean %.3f  (%lld/%lld)\n",
        t.label_set.c_str(), t.transfer_rate, t.target_probability, t.noise_transfer_rate,
        t.clean_transfer_rate, static_cast<long long>(t.successful),
        static_cast<long long>(t.attacked));
  }
  std::printf("attack: report %s\n", (run.path() / "report.html").c_str());
  return run.path().string();
}

}  // namespace

const Job& AttackJob() {
  static const Job job{"attack", "attack", kHelp, CheckAttackJob, RunAttackJob};
  return job;
}

int AttackCommand(const Args& argv) { return RunJobCommand(AttackJob(), ParseJobArgs(argv)); }

}  // namespace advlab
