#include <cstdio>

#include "adversarial/clip_train.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "tools/commands.h"
#include "tools/job.h"
#include "tools/job_setup.h"

namespace advlab {
namespace {

constexpr const char* kHelp =
    R"(usage: advlab clip train [--config FILE] [--out DIR] [key=value ...]

Trains the lab's CLIP-style dual encoder (small CNN + word transformer) by
symmetric contrastive loss on Fashion-MNIST images paired with captions drawn
from label sets and templates (adversarial/data/fashion_mnist_labels.yaml),
then reports zero-shot accuracy under every label set, including the
held-out ones no caption used.

  --config FILE   YAML config (default: configs/clip.yaml)
  --out DIR       run directory (default: runs/clip-<UTC time>)
  key=value       override a config key, e.g. train.epochs=1 data.train_images=10000

Writes config.yaml, manifest.json, metrics.csv, zero_shot.csv,
checkpoints/model.pt (for `advlab attack model.checkpoint=...`), figures/ and
report.html.
)";

void CheckClipTrainJob(const JobArgs& args) {
  auto setup =
      SetUpJob<adversarial::ClipTrainOptions>("clip", args, adversarial::ReadClipTrainOptions);
  adversarial::LoadClipTrainInputs(setup.options);
}

std::string RunClipTrainJob(const JobArgs& args, const std::optional<std::filesystem::path>& out) {
  auto setup =
      SetUpJob<adversarial::ClipTrainOptions>("clip", args, adversarial::ReadClipTrainOptions);
  const adversarial::ClipTrainOptions& options = setup.options;
  adversarial::ClipTrainInputs inputs = adversarial::LoadClipTrainInputs(options);
  report::RunDir run = StartRun("clip", args, setup.config, options.seed, out);
  std::printf("clip train: %s\n", run.path().c_str());
  core::InterruptScope interrupts("clip train");
  adversarial::ClipTrainSummary summary =
      RecordFailure(run, [&] { return adversarial::TrainClip(options, inputs, run.path()); });
  run.SetManifest("train_seconds", summary.train_seconds);
  run.SetManifest("zero_shot_accuracy", summary.accuracy);
  run.Finish();
  std::printf("clip train: %d steps in %.0f s; zero-shot accuracy (class names) %.3f",
              summary.steps, summary.train_seconds, summary.accuracy);
  if (summary.seconds_to_target >= 0) {
    std::printf("; target %.2f reached after %.0f s\n", options.target_accuracy,
                summary.seconds_to_target);
  } else {
    std::printf("; target %.2f not reached\n", options.target_accuracy);
  }
  for (const adversarial::ZeroShotRow& row : summary.zero_shot) {
    std::printf("  %-22s %-20s %-9s %.3f\n", row.label_set.c_str(), row.templates.c_str(),
                row.trained ? "trained" : "held out", row.accuracy);
  }
  std::printf("clip train: checkpoint %s\n", (run.path() / "checkpoints" / "model.pt").c_str());
  return run.path().string();
}

}  // namespace

const Job& ClipTrainJob() {
  static const Job job{"clip", "clip train", kHelp, CheckClipTrainJob, RunClipTrainJob};
  return job;
}

int ClipCommand(const Args& argv) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h") {
    std::fputs(kHelp, argv.empty() ? stderr : stdout);
    return argv.empty() ? 2 : 0;
  }
  if (argv[0] != "train") throw InputError("clip: unknown action '" + argv[0] + "' (train)");
  return RunJobCommand(ClipTrainJob(), ParseJobArgs(Args(argv.begin() + 1, argv.end())));
}

}  // namespace advlab
