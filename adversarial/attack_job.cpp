#include "adversarial/attack_job.h"

#include <chrono>
#include <cmath>
#include <cstdio>

#include "adversarial/adversarial_grid.h"
#include "adversarial/attacks.h"
#include "adversarial/label_sets.h"
#include "adversarial/load_model.h"
#include "adversarial/pixels.h"
#include "adversarial/relabeling.h"
#include "adversarial/zero_shot.h"
#include "core/error.h"
#include "nn/device.h"
#include "report/figure.h"
#include "report/html_report.h"
#include "report/progress.h"
#include "report/table.h"

namespace advlab::adversarial {
namespace {

namespace fs = std::filesystem;
using report::Table;

int64_t Batches(int64_t n, int batch) { return (n + batch - 1) / batch; }

// Runs `spec` over the images in batches; results are concatenated on the
// images' device.
AttackResult AttackInBatches(const AttackSpec& spec, const LogitsFn& logits,
                             const torch::Tensor& images, const torch::Tensor& labels,
                             const torch::Tensor& targets, int batch, report::Progress& progress) {
  std::vector<torch::Tensor> adversarial, success, steps;
  for (int64_t start = 0; start < images.size(0); start += batch) {
    int64_t end = std::min<int64_t>(start + batch, images.size(0));
    AttackSpec part = spec;
    part.seed = spec.seed + static_cast<uint64_t>(start);  // batches draw different starts
    AttackResult r =
        RunAttack(part, logits, images.slice(0, start, end), labels.slice(0, start, end),
                  targets.defined() ? targets.slice(0, start, end) : targets);
    adversarial.push_back(r.adversarial);
    success.push_back(r.success);
    steps.push_back(r.gradient_steps);
    progress.Advance();
  }
  return {torch::cat(adversarial), torch::cat(success), torch::cat(steps)};
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
  row.gradient_steps = result.gradient_steps.to(torch::kDouble).mean().item<double>();
  row.seconds = seconds;
  return row;
}

std::string Short(const std::string& label, size_t width = 18) {
  return label.size() <= width ? label : label.substr(0, width - 2) + "..";
}

std::string TopThree(const torch::Tensor& probabilities, const std::vector<std::string>& labels) {
  auto top = probabilities.topk(std::min<int64_t>(3, probabilities.size(0)));
  torch::Tensor p = std::get<0>(top), i = std::get<1>(top);
  std::string text;
  for (int64_t k = 0; k < p.size(0); ++k) {
    char cell[64];
    std::snprintf(cell, sizeof(cell), "%s%s %.2f", k ? ", " : "",
                  Short(labels[i[k].item<int64_t>()]).c_str(), p[k].item<double>());
    text += cell;
  }
  return text;
}

report::Figure AccuracyFigure(const std::vector<SweepRow>& rows, Norm norm, double clean_accuracy) {
  report::Figure f;
  const bool linf = norm == Norm::kLinf;
  f.title = std::string("Robust accuracy, ") + (linf ? "L-infinity" : "L2") + " attacks";
  f.x_label = linf ? "epsilon (x 1/255)" : "epsilon (L2, pixels in [0,1])";
  f.y_label = "accuracy";
  f.y_range = std::pair(0.0, 1.0);
  f.key = "inside right top";
  for (const SweepRow& row : rows) {
    if (row.norm != norm) continue;
    auto it = std::find_if(f.series.begin(), f.series.end(),
                           [&](const report::Series& s) { return s.title == row.attack; });
    if (it == f.series.end()) {
      report::Series& series = f.series.emplace_back();
      series.kind = report::Series::Kind::kLinePoints;
      series.title = row.attack;
      series.x = {0};
      series.y = {clean_accuracy};
      it = f.series.end() - 1;
    }
    it->x.push_back(linf ? row.epsilon * 255 : row.epsilon);
    it->y.push_back(row.robust_accuracy);
  }
  return f;
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
  fs::path run_dir;
};

// The sweep: sweep.csv and confusion.csv.
std::vector<SweepRow> RunSweep(const Job& job, double clean_accuracy) {
  const int64_t classes = static_cast<int64_t>(job.sets.classes.size());
  Table sweep({"attack", "epsilon", "epsilon_255", "images", "clean_accuracy", "robust_accuracy",
               "success_rate", "mean_linf", "max_linf", "mean_l2", "max_l2", "gradient_steps",
               "seconds"});
  Table confusion({"attack", "epsilon", "true_class", "predicted_class", "count"});
  std::vector<SweepRow> rows;
  for (const AttackSpec& spec : job.options.sweep) {
    auto started = std::chrono::steady_clock::now();
    AttackResult result = AttackInBatches(spec, job.logits, job.images, job.labels, {},
                                          job.options.batch, job.progress);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    torch::Tensor predicted;
    const SweepRow r = Measure(spec, job.classifier, job.images, job.labels, job.clean_correct,
                               result, seconds, &predicted);
    rows.push_back(r);
    const bool linf = spec.norm == Norm::kLinf;
    sweep.AddRow({r.attack, Table::Num(r.epsilon), Table::Num(linf ? r.epsilon * 255 : NAN, 4),
                  std::to_string(r.images), Table::Num(clean_accuracy, 4),
                  Table::Num(r.robust_accuracy, 4), Table::Num(r.success_rate, 4),
                  Table::Num(r.mean_linf, 4), Table::Num(r.max_linf, 4), Table::Num(r.mean_l2, 4),
                  Table::Num(r.max_l2, 4), Table::Num(r.gradient_steps, 4),
                  Table::Num(r.seconds, 3)});
    torch::Tensor counts =
        torch::bincount(job.labels.cpu() * classes + predicted, {}, classes * classes);
    for (int64_t t = 0; t < classes; ++t) {
      for (int64_t p = 0; p < classes; ++p) {
        confusion.AddRow({r.attack, Table::Num(r.epsilon), job.sets.classes[t], job.sets.classes[p],
                          std::to_string(counts[t * classes + p].item<int64_t>())});
      }
    }
  }
  sweep.WriteCsv(job.run_dir / "sweep.csv");
  confusion.WriteCsv(job.run_dir / "confusion.csv");
  return rows;
}

// Fort's relabeling test, as the grid and the report need it.
struct Relabeling {
  AttackSpec attack;
  torch::Tensor clean, labels, targets;  // the attacked images (CPU)
  torch::Tensor adversarial, success;    // under set A (CPU)
  std::vector<const LabelSet*> sets;     // set A first
  std::vector<torch::Tensor> clean_probabilities, adversarial_probabilities;  // per set
  std::vector<TransferSummary> summaries;
};

Relabeling RunRelabeling(const Job& job,
                         std::vector<std::pair<std::string, report::Figure>>* figures) {
  const AttackJobOptions& o = job.options;
  const std::vector<std::string>& classes = job.sets.classes;
  const int64_t count = std::min<int64_t>(o.relabel_images, job.images.size(0));
  Relabeling r;
  r.sets = {&job.set_a};
  for (const LabelSet& s : job.sets.sets) {
    bool wanted = o.relabel_sets.empty() || std::find(o.relabel_sets.begin(), o.relabel_sets.end(),
                                                      s.name) != o.relabel_sets.end();
    if (s.name != job.set_a.name && wanted) r.sets.push_back(&s);
  }
  const torch::Tensor x = job.images.slice(0, 0, count);
  const torch::Tensor y = job.labels.slice(0, 0, count);
  const torch::Tensor targets = RandomTargets(y, static_cast<int64_t>(classes.size()), o.seed + 1);
  r.attack = o.relabel;
  r.attack.seed = o.seed;
  r.attack.descent_scale = job.model.PixelStd();
  AttackResult adversaries =
      AttackInBatches(r.attack, job.logits, x, y, targets, o.batch, job.progress);
  const torch::Tensor noise =
      MatchedNoise(x, adversaries.adversarial, r.attack.Bounded() || r.attack.clamp, o.seed + 2);
  r.clean = x.cpu();
  r.labels = y.cpu();
  r.targets = targets.cpu();
  r.adversarial = adversaries.adversarial.cpu();
  r.success = adversaries.success.cpu();

  Table transfer({"label_set", "trained", "attacked", "successful", "clean_accuracy",
                  "transfer_rate", "target_probability", "still_true_rate", "noise_transfer_rate",
                  "noise_target_probability", "clean_transfer_rate", "clean_target_probability",
                  "text_cosine_to_a"});
  Table pairs({"label_set", "true_class", "target_class", "successful", "transfer_rate",
               "target_probability"});
  report::Heatmap overview;
  overview.column_labels = {"adversarial", "noise baseline", "clean baseline"};
  const int64_t c = static_cast<int64_t>(classes.size());
  for (const LabelSet* s : r.sets) {
    ZeroShotClassifier under(job.model, s->labels, o.templates);
    // How close the set's class embeddings sit to set A's: near 1 means the
    // text encoder reads the two sets as the same labels.
    double cosine =
        (under.class_embeddings() * job.classifier.class_embeddings()).sum(1).mean().item<double>();
    r.clean_probabilities.push_back(under.Probabilities(x));
    r.adversarial_probabilities.push_back(under.Probabilities(adversaries.adversarial));
    TransferResult result = SummariseTransfer(
        s->name, s->trained, r.clean_probabilities.back(), r.adversarial_probabilities.back(),
        under.Probabilities(noise), r.labels, r.targets, r.success);
    const TransferSummary& t = result.summary;
    r.summaries.push_back(t);
    transfer.AddRow({t.label_set, t.trained ? "true" : "false", std::to_string(t.attacked),
                     std::to_string(t.successful), Table::Num(t.clean_accuracy, 4),
                     Table::Num(t.transfer_rate, 4), Table::Num(t.target_probability, 4),
                     Table::Num(t.still_true_rate, 4), Table::Num(t.noise_transfer_rate, 4),
                     Table::Num(t.noise_target_probability, 4),
                     Table::Num(t.clean_transfer_rate, 4),
                     Table::Num(t.clean_target_probability, 4), Table::Num(cosine, 4)});
    overview.row_labels.push_back(t.label_set);
    overview.values.insert(overview.values.end(),
                           {t.transfer_rate, t.noise_transfer_rate, t.clean_transfer_rate});
    report::Heatmap matrix;
    matrix.row_labels = matrix.column_labels = classes;
    matrix.values.assign(c * c, NAN);
    for (const TransferPair& p : result.pairs) {
      pairs.AddRow({p.label_set, classes[p.true_class], classes[p.target_class],
                    std::to_string(p.successful), Table::Num(p.transfer_rate, 4),
                    Table::Num(p.target_probability, 4)});
      matrix.values[p.true_class * c + p.target_class] = p.transfer_rate;
    }
    report::Figure heat;
    heat.title = "Transfer under '" + s->name + "': argmax = target (rows: true, columns: target)";
    heat.heatmap = matrix;
    heat.width = heat.height = 640;
    figures->emplace_back("transfer_" + s->name, heat);
  }
  transfer.WriteCsv(job.run_dir / "relabel_summary.csv");
  pairs.WriteCsv(job.run_dir / "relabel_pairs.csv");
  report::Figure summary;
  summary.title = "Fraction of successful set-A adversaries read as their target";
  summary.heatmap = overview;
  summary.height = 120 + 40 * static_cast<int>(overview.row_labels.size());
  figures->emplace_back("transfer_summary", summary);
  return r;
}

// adversarial_grid.png: the first successful adversaries with their top-3
// labels under every label set.
void WriteGrid(const Relabeling& r, const ImageSet& images, const LabelSets& sets, int count,
               const fs::path& png) {
  std::vector<GridExample> examples;
  torch::Tensor shown = r.success.nonzero().squeeze(1);
  for (int64_t k = 0; k < std::min<int64_t>(count, shown.numel()); ++k) {
    int64_t i = shown[k].item<int64_t>();
    GridExample e;
    e.channels = images.channels;
    e.height = images.height;
    e.width = images.width;
    torch::Tensor clean = r.clean[i].contiguous(), adversarial = r.adversarial[i].contiguous();
    e.clean.assign(clean.data_ptr<float>(), clean.data_ptr<float>() + clean.numel());
    e.adversarial.assign(adversarial.data_ptr<float>(),
                         adversarial.data_ptr<float>() + adversarial.numel());
    e.lines.push_back(sets.classes[r.labels[i].item<int64_t>()] + " attacked towards " +
                      sets.classes[r.targets[i].item<int64_t>()]);
    for (size_t s = 0; s < r.sets.size(); ++s) {
      const std::string& name = r.sets[s]->name;
      e.lines.push_back(name +
                        "  clean: " + TopThree(r.clean_probabilities[s][i], r.sets[s]->labels));
      e.lines.push_back(std::string(name.size(), ' ') + "  adv:   " +
                        TopThree(r.adversarial_probabilities[s][i], r.sets[s]->labels));
    }
    examples.push_back(std::move(e));
  }
  WriteAdversarialGrid(examples, png);
}

void WriteReport(const Job& job, const AttackJobSummary& summary, const Relabeling& r) {
  report::RunReport doc;
  doc.title = "Adversarial robustness of a zero-shot classifier";
  char text[640];
  std::snprintf(text, sizeof(text),
                "%s. %lld test images; zero-shot accuracy with label set '%s' and %zu "
                "template(s): %.1f%%. Robust accuracy is the fraction still classified "
                "correctly after the attack (images misclassified when clean count as not "
                "robust); success rate counts only images correct when clean.",
                summary.model.c_str(), static_cast<long long>(summary.images),
                job.set_a.name.c_str(), job.options.templates.size(), 100 * summary.clean_accuracy);
  report::ReportSection& robust = doc.sections.emplace_back();
  robust.title = "Robust accuracy";
  robust.Text(text)
      .Text("Images: " + DescribeSplits(job.options.data) + "; the attacks use the test part.")
      .FigureSvg("figures/accuracy_linf.svg")
      .FigureSvg("figures/accuracy_l2.svg")
      .TableCsv("sweep.csv", "Attack sweep");
  const TransferSummary& a = r.summaries.front();
  std::snprintf(text, sizeof(text),
                "Relabeling test (Fort 2021): %lld images attacked under '%s' with %s towards a "
                "random other class; %lld reached their target. Each adversary is then "
                "classified under the other label sets, whose class i means the same as set A's "
                "class i. Baselines: the clean image, and the clean image plus random noise of "
                "the perturbation's L2 norm.",
                static_cast<long long>(a.attacked), job.set_a.name.c_str(), r.attack.Name().c_str(),
                static_cast<long long>(a.successful));
  report::ReportSection& relabel = doc.sections.emplace_back();
  relabel.title = "Relabeling test";
  relabel.Text(text)
      .FigureSvg("figures/transfer_summary.svg")
      .TableCsv("relabel_summary.csv", "Transfer of set-A adversaries to the other label sets")
      .ImagePng("adversarial_grid.png",
                "Clean, adversarial and amplified perturbation, with the top three labels under "
                "every label set");
  for (size_t s = 1; s < r.sets.size(); ++s) {
    relabel.FigureSvg("figures/transfer_" + r.sets[s]->name + ".svg");
  }
  report::WriteRunReport(doc, job.run_dir);
}

}  // namespace

AttackJobSummary RunAttackJob(const AttackJobOptions& o, AttackInputs& inputs,
                              const fs::path& run_dir) {
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
          progress, run_dir};
  fs::create_directories(run_dir / "figures");

  AttackJobSummary summary;
  summary.model = model.Describe();
  summary.images = n;
  summary.clean_accuracy = job.clean_correct.to(torch::kDouble).mean().item<double>();
  summary.sweep = RunSweep(job, summary.clean_accuracy);
  std::vector<std::pair<std::string, report::Figure>> figures = {
      {"accuracy_linf", AccuracyFigure(summary.sweep, Norm::kLinf, summary.clean_accuracy)},
      {"accuracy_l2", AccuracyFigure(summary.sweep, Norm::kL2, summary.clean_accuracy)}};
  Relabeling relabeling = RunRelabeling(job, &figures);
  progress.Finish();
  summary.transfer = relabeling.summaries;
  report::RenderFigures(figures, run_dir / "figures");
  WriteGrid(relabeling, inputs.images, inputs.sets, o.examples, run_dir / "adversarial_grid.png");
  WriteReport(job, summary, relabeling);
  return summary;
}

}  // namespace advlab::adversarial
