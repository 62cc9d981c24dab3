#include "adversarial/attack_job.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>

#include "adversarial/attack_report.h"
#include "adversarial/attacks.h"
#include "adversarial/label_sets.h"
#include "adversarial/load_model.h"
#include "adversarial/pixels.h"
#include "adversarial/relabeling.h"
#include "adversarial/zero_shot.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "distributed/collective.h"
#include "nn/device.h"
#include "report/progress.h"

namespace advlab::adversarial {
namespace {

namespace fs = std::filesystem;

int64_t Batches(int64_t n, int batch) { return (n + batch - 1) / batch; }

// Runs `spec` over the images in batches; results are concatenated on the
// images' device. Nothing when Ctrl-C arrives (it is heeded between batches).
std::optional<AttackResult> AttackInBatches(const AttackSpec& spec, const LogitsFn& logits,
                                            const torch::Tensor& images,
                                            const torch::Tensor& labels,
                                            const torch::Tensor& targets, int batch,
                                            report::Progress& progress,
                                            distributed::Collective* group) {
  std::vector<torch::Tensor> adversarial, success, steps;
  AttackResult merged;
  for (int64_t start = 0; start < images.size(0); start += batch) {
    if (core::InterruptRequested()) return std::nullopt;
    int64_t end = std::min<int64_t>(start + batch, images.size(0));
    // Ranks share the batches out; a batch's streams depend only on where it
    // starts, so each is what one process would compute. Another rank's
    // batches are zeros here, and the sum over ranks below fills them in.
    if (group && (start / batch) % group->size() != group->rank()) {
      adversarial.push_back(torch::zeros_like(images.slice(0, start, end)));
      success.push_back(torch::zeros({end - start}, torch::kBool).to(images.device()));
      steps.push_back(torch::zeros({end - start}, torch::kLong).to(images.device()));
      progress.Advance();
      continue;
    }
    AttackSpec part = spec;
    part.seed = spec.seed + static_cast<uint64_t>(start);  // batches draw different starts
    AttackResult r =
        RunAttack(part, logits, images.slice(0, start, end), labels.slice(0, start, end),
                  targets.defined() ? targets.slice(0, start, end) : targets);
    if (core::InterruptRequested()) return std::nullopt;  // an ensemble may have stopped early
    adversarial.push_back(r.adversarial);
    success.push_back(r.success);
    steps.push_back(r.gradient_steps);
    merged.zero_gradient_images += r.zero_gradient_images;
    for (size_t i = 0; i < r.stages.size(); ++i) {
      if (merged.stages.size() <= i) merged.stages.push_back({r.stages[i].attack, 0, 0});
      merged.stages[i].newly_fooled += r.stages[i].newly_fooled;
      merged.stages[i].seconds += r.stages[i].seconds;
    }
    progress.Advance();
  }
  merged.adversarial = torch::cat(adversarial);
  merged.success = torch::cat(success);
  merged.gradient_steps = torch::cat(steps);
  if (group) {
    // Adding zeros is exact, so the sums are the batches' own values.
    torch::Tensor images_sum = merged.adversarial.cpu().contiguous();
    torch::Tensor success_sum = merged.success.cpu().to(torch::kInt);
    torch::Tensor steps_sum = merged.gradient_steps.cpu().contiguous();
    torch::Tensor counts =
        torch::zeros({1 + 2 * static_cast<int64_t>(merged.stages.size())}, torch::kDouble);
    counts[0] = static_cast<double>(merged.zero_gradient_images);
    for (size_t i = 0; i < merged.stages.size(); ++i) {
      counts[static_cast<int64_t>(1 + 2 * i)] = static_cast<double>(merged.stages[i].newly_fooled);
      counts[static_cast<int64_t>(2 + 2 * i)] = merged.stages[i].seconds;
    }
    group->AllReduceSum(images_sum);
    group->AllReduceSum(success_sum);
    group->AllReduceSum(steps_sum);
    group->AllReduceSum(counts);
    merged.adversarial = images_sum.to(images.device());
    merged.success = success_sum.to(torch::kBool).to(images.device());
    merged.gradient_steps = steps_sum.to(images.device());
    merged.zero_gradient_images = static_cast<int64_t>(counts[0].item<double>());
    for (size_t i = 0; i < merged.stages.size(); ++i) {
      merged.stages[i].newly_fooled =
          static_cast<int64_t>(counts[static_cast<int64_t>(1 + 2 * i)].item<double>());
      merged.stages[i].seconds = counts[static_cast<int64_t>(2 + 2 * i)].item<double>();
    }
  }
  return merged;
}

SweepRow Measure(const AttackSpec& spec, const ZeroShotClassifier& classifier,
                 const torch::Tensor& images, const torch::Tensor& labels,
                 const torch::Tensor& clean_correct, const AttackResult& result, double seconds,
                 torch::Tensor* predictions) {
  SweepRow row;
  row.attack = spec.Name();
  row.norm = spec.norm;
  row.epsilon = spec.epsilon;
  row.images = images.size(0);
  *predictions = classifier.Probabilities(result.adversarial).argmax(1);
  torch::Tensor y = labels.cpu();
  row.robust_accuracy = predictions->eq(y).to(torch::kDouble).mean().item<double>();
  torch::Tensor attacked = clean_correct.nonzero().squeeze(1);
  row.success_rate = attacked.numel() == 0 ? NAN
                                           : predictions->index_select(0, attacked)
                                                 .ne(y.index_select(0, attacked))
                                                 .to(torch::kDouble)
                                                 .mean()
                                                 .item<double>();
  torch::Tensor delta = (result.adversarial - images).flatten(1).cpu().to(torch::kDouble);
  torch::Tensor linf = delta.abs().amax(1), l2 = delta.norm(2, 1);
  row.mean_linf = linf.mean().item<double>();
  row.max_linf = linf.max().item<double>();
  row.mean_l2 = l2.mean().item<double>();
  row.max_l2 = l2.max().item<double>();
  row.nan_values = result.adversarial.isnan().sum().item<int64_t>();
  row.min_pixel = result.adversarial.min().item<double>();
  row.max_pixel = result.adversarial.max().item<double>();
  row.gradient_steps = result.gradient_steps.to(torch::kDouble).mean().item<double>();
  row.seconds = seconds;
  return row;
}

}  // namespace

AttackInputs::AttackInputs() = default;
AttackInputs::AttackInputs(AttackInputs&&) noexcept = default;
AttackInputs::~AttackInputs() = default;

AttackInputs LoadAttackInputs(const AttackJobOptions& o) {
  AttackInputs inputs;
  inputs.sets = ReadLabelSets(o.labels_file);
  inputs.images = LoadSplit(o.data, "test");
  CheckClasses(inputs.sets, inputs.images, o.data.root.string());
  inputs.model = LoadDualEncoder(o.model, nn::ResolveDevice(o.device));
  if (inputs.model->channels() != inputs.images.channels) {
    throw InputError("data.channels: the images have " + std::to_string(inputs.images.channels) +
                     " channels, the model takes " + std::to_string(inputs.model->channels()));
  }
  inputs.sets.Find(o.attack_set);
  for (const std::string& name : o.relabel_sets) inputs.sets.Find(name);
  return inputs;
}

namespace {

// What every stage of the job reads.
struct Job {
  const AttackJobOptions& options;
  const LabelSets& sets;
  DualEncoder& model;
  const LabelSet& set_a;
  const ZeroShotClassifier& classifier;  // under set A
  LogitsFn logits;
  torch::Tensor images, labels;  // on the model's device
  torch::Tensor clean_correct;   // CPU
  report::Progress& progress;
  distributed::Collective* group;  // null: one process
};

// The sweep: every attack at every budget, with its confusion counts. After
// Ctrl-C, only the entries finished before it.
std::vector<SweepOutcome> RunSweep(const Job& job) {
  const int64_t classes = static_cast<int64_t>(job.sets.classes.size());
  std::vector<SweepOutcome> outcomes;
  for (const AttackSpec& spec : job.options.sweep) {
    auto started = std::chrono::steady_clock::now();
    std::optional<AttackResult> attacked = AttackInBatches(
        spec, job.logits, job.images, job.labels, {}, job.options.batch, job.progress, job.group);
    if (!attacked) break;
    const AttackResult& result = *attacked;
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    torch::Tensor predicted;
    SweepOutcome& outcome = outcomes.emplace_back();
    outcome.row = Measure(spec, job.classifier, job.images, job.labels, job.clean_correct, result,
                          seconds, &predicted);
    outcome.confusion =
        torch::bincount(job.labels.cpu() * classes + predicted, {}, classes * classes);
    outcome.stages = result.stages;
    if (spec.method == AttackMethod::kEnsemble) outcome.suite = spec.suite;
    outcome.zero_gradient_images = result.zero_gradient_images;
    outcome.clean_correct = job.clean_correct.sum().item<int64_t>();
  }
  return outcomes;
}

// Fort's relabeling test: set-A adversaries towards random targets, read
// under every label set. Nothing after Ctrl-C.
std::optional<RelabelingOutcome> RunRelabeling(const Job& job) {
  const AttackJobOptions& o = job.options;
  const std::vector<std::string>& classes = job.sets.classes;
  const int64_t count = std::min<int64_t>(o.relabel_images, job.images.size(0));
  RelabelingOutcome r;
  r.sets = {&job.set_a};
  for (const LabelSet& s : job.sets.sets) {
    bool wanted = o.relabel_sets.empty() || std::find(o.relabel_sets.begin(), o.relabel_sets.end(),
                                                      s.name) != o.relabel_sets.end();
    if (s.name != job.set_a.name && wanted) r.sets.push_back(&s);
  }
  const torch::Tensor x = job.images.slice(0, 0, count);
  const torch::Tensor y = job.labels.slice(0, 0, count);
  torch::Tensor targets = RandomTargets(y, static_cast<int64_t>(classes.size()), o.seed + 1);
  r.attack = o.relabel;
  r.attack.seed = o.seed;
  r.attack.descent_scale = job.model.PixelStd();
  std::optional<AttackResult> attacked =
      AttackInBatches(r.attack, job.logits, x, y, targets, o.batch, job.progress, job.group);
  if (!attacked) return std::nullopt;
  const AttackResult& adversaries = *attacked;
  if (r.attack.method == AttackMethod::kEnsemble) {
    // AutoAttack's suite is untargeted: an adversary's target is the class
    // it reached under set A.
    const torch::Tensor reached =
        job.classifier.Probabilities(adversaries.adversarial).argmax(1).to(targets.device());
    targets = torch::where(adversaries.success, reached, targets);
  }
  const torch::Tensor noise =
      MatchedNoise(x, adversaries.adversarial, r.attack.Bounded() || r.attack.clamp, o.seed + 2);
  r.clean = x.cpu();
  r.labels = y.cpu();
  r.targets = targets.cpu();
  r.adversarial = adversaries.adversarial.cpu();
  r.success = adversaries.success.cpu();

  for (const LabelSet* s : r.sets) {
    ZeroShotClassifier under(job.model, s->labels, o.templates);
    // How close the set's class embeddings sit to set A's: near 1 means the
    // text encoder reads the two sets as the same labels.
    r.text_cosine_to_a.push_back((under.class_embeddings() * job.classifier.class_embeddings())
                                     .sum(1)
                                     .mean()
                                     .item<double>());
    r.clean_probabilities.push_back(under.Probabilities(x));
    r.adversarial_probabilities.push_back(under.Probabilities(adversaries.adversarial));
    r.transfers.push_back(SummariseTransfer(
        s->name, s->trained, r.clean_probabilities.back(), r.adversarial_probabilities.back(),
        under.Probabilities(noise), r.labels, r.targets, r.success));
  }
  return r;
}

}  // namespace

AttackJobSummary RunAttackJob(const AttackJobOptions& o, AttackInputs& inputs,
                              const fs::path& run_dir, distributed::Collective* group) {
  DualEncoder& model = *inputs.model;
  const LabelSet& set_a = inputs.sets.Find(o.attack_set);
  const ZeroShotClassifier classifier(model, set_a.labels, o.templates);
  const torch::Tensor images = Pixels(inputs.images).to(model.device());
  const torch::Tensor labels = Labels(inputs.images).to(model.device());
  const int64_t n = images.size(0);
  const int64_t relabel_n = std::min<int64_t>(o.relabel_images, n);
  report::Progress progress("attack", static_cast<long>(o.sweep.size() * Batches(n, o.batch) +
                                                        Batches(relabel_n, o.batch)));
  Job job{o,        inputs.sets, model,
          set_a,    classifier,  [&](const torch::Tensor& x) { return classifier.Logits(x); },
          images,   labels,      classifier.Probabilities(images).argmax(1).eq(labels.cpu()),
          progress, group};
  const bool writes = !group || group->rank() == 0;
  if (writes) fs::create_directories(run_dir / "figures");

  AttackJobSummary summary;
  summary.model = model.Describe();
  summary.images = n;
  summary.clean_accuracy = job.clean_correct.to(torch::kDouble).mean().item<double>();
  // AutoAttack's model checks on the first batch, before any attack.
  const int64_t first = std::min<int64_t>(o.batch, n);
  std::vector<CheckFlag> checks =
      CheckModel(job.logits, images.slice(0, 0, first), labels.slice(0, 0, first), o.sweep);
  const std::vector<SweepOutcome> sweep = RunSweep(job);
  for (const SweepOutcome& outcome : sweep) summary.sweep.push_back(outcome.row);
  for (CheckFlag& flag : SweepChecks(sweep, summary.clean_accuracy)) checks.push_back(flag);
  std::optional<RelabelingOutcome> relabeled;
  if (!core::InterruptRequested()) relabeled = RunRelabeling(job);
  progress.Finish();
  if (!relabeled) {
    if (!writes) throw core::Interrupted("rank " + std::to_string(group->rank()) + " stopped");
    // Ctrl-C: keep the budgets finished, which are exact, and stop.
    WriteSweepTables(sweep, inputs.sets.classes, summary.clean_accuracy, run_dir);
    WriteChecks(checks, run_dir);
    throw core::Interrupted(std::to_string(sweep.size()) + " of " + std::to_string(o.sweep.size()) +
                            " sweep entries finished; " + (run_dir / "sweep.csv").string() +
                            " holds them (the relabeling test and the report did not run)");
  }
  const RelabelingOutcome& relabeling = *relabeled;
  for (const TransferResult& t : relabeling.transfers) summary.transfer.push_back(t.summary);
  if (!writes) return summary;

  WriteSweepTables(sweep, inputs.sets.classes, summary.clean_accuracy, run_dir);
  NamedFigures figures = AccuracyFigures(summary.sweep, summary.clean_accuracy);
  for (auto& figure : ConfusionFigures(sweep, inputs.sets.classes)) {
    figures.push_back(std::move(figure));
  }
  for (auto& figure : WriteRelabelingTables(relabeling, inputs.sets.classes, run_dir)) {
    figures.push_back(std::move(figure));
  }
  report::RenderFigures(figures, run_dir / "figures");
  WriteExamples(relabeling, inputs.images, inputs.sets, o.examples, run_dir);
  WriteChecks(checks, run_dir);
  WriteAttackReport({summary, set_a.name, o.templates.size(), inputs.sets.classes.size(),
                     DescribeSplits(o.data), checks},
                    relabeling, run_dir);
  return summary;
}

}  // namespace advlab::adversarial
