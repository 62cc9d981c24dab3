#include "adversarial/attack_report.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "adversarial/adversarial_grid.h"
#include "core/binomial.h"
#include "report/html_report.h"
#include "report/table.h"

namespace advlab::adversarial {
namespace {

namespace fs = std::filesystem;
using report::Table;

std::string TopThree(const torch::Tensor& probabilities, const std::vector<std::string>& labels) {
  auto top = probabilities.topk(std::min<int64_t>(3, probabilities.size(0)));
  torch::Tensor p = std::get<0>(top), i = std::get<1>(top);
  std::string text;
  for (int64_t k = 0; k < p.size(0); ++k) {
    char cell[64];
    std::snprintf(cell, sizeof(cell), " %.2f", p[k].item<double>());
    text += (k ? "; " : "") + labels[i[k].item<int64_t>()] + cell;
  }
  return text;
}

core::Interval RobustInterval(const SweepRow& r) {
  return core::WilsonInterval(std::round(r.robust_accuracy * r.images),
                              static_cast<double>(r.images));
}

report::Figure AccuracyFigure(const std::vector<SweepRow>& rows, Norm norm, double clean_accuracy) {
  report::Figure f;
  const bool linf = norm == Norm::kLinf;
  f.title = std::string("Robust accuracy, ") + (linf ? "L-infinity" : "L2") + " attacks";
  f.x_label = linf ? "epsilon (x 1/255, log scale)" : "epsilon (L2, pixels in [0,1], log scale)";
  f.y_label = "accuracy (bands: 95% Wilson)";
  f.y_range = std::pair(0.0, 1.0);
  // Budgets double from one to the next: a log axis spaces them evenly, and
  // the literature's headline budget is marked.
  f.log_x = true;
  for (const SweepRow& row : rows) {
    if (row.norm != norm) continue;
    const double x = linf ? row.epsilon * 255 : row.epsilon;
    if (!(x > 0)) continue;
    // Each attack: its curve and, behind it in the same colour, the 95%
    // Wilson band of its robust accuracy over the images.
    auto it = std::find_if(f.series.begin(), f.series.end(),
                           [&](const report::Series& s) { return s.title == row.attack; });
    if (it == f.series.end()) {
      static const char* const kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                             "#9467bd", "#8c564b", "#e377c2", "#17becf"};
      const std::string colour = kColours[(f.series.size() / 2) % 8];
      report::Series& band = f.series.emplace_back();
      band.kind = report::Series::Kind::kBand;
      band.color = colour;
      report::Series& series = f.series.emplace_back();
      series.kind = report::Series::Kind::kLinePoints;
      series.title = row.attack;
      series.color = colour;
      it = f.series.end() - 1;
    }
    const core::Interval interval = RobustInterval(row);
    (it - 1)->x.push_back(x);
    (it - 1)->y.push_back(interval.low);
    (it - 1)->y_high.push_back(interval.high);
    it->x.push_back(x);
    it->y.push_back(row.robust_accuracy);
    if (std::find(f.x_tics.begin(), f.x_tics.end(), x) == f.x_tics.end()) f.x_tics.push_back(x);
  }
  std::sort(f.x_tics.begin(), f.x_tics.end());
  f.lines.push_back({false, clean_accuracy, "clean accuracy", "#555555"});
  f.lines.push_back({true, linf ? 8.0 : 0.5, linf ? "8/255" : "0.5", "#999999"});
  return f;
}

// 95% Wilson interval of a robust accuracy over the row's images.
std::string WithInterval(double rate, const core::Interval& interval) {
  return Table::Num(rate, 3) + " [" + Table::Num(interval.low, 3) + ", " +
         Table::Num(interval.high, 3) + "]";
}

// The headline budgets of the robustness literature: norm, epsilon, figure
// stem, label.
std::vector<std::tuple<Norm, double, std::string, std::string>> HeadlineBudgets() {
  return {{Norm::kLinf, 8.0 / 255, "confusion_linf", "L-inf 8/255"},
          {Norm::kL2, 0.5, "confusion_l2", "L2 0.5"}};
}

// The strongest attack's row at one budget (the lowest robust accuracy), or
// null when the sweep has no attack there.
const SweepRow* StrongestAt(const std::vector<SweepRow>& rows, Norm norm, double epsilon) {
  const SweepRow* best = nullptr;
  for (const SweepRow& row : rows) {
    if (row.norm != norm || std::abs(row.epsilon - epsilon) > 1e-9) continue;
    if (!best || row.robust_accuracy < best->robust_accuracy) best = &row;
  }
  return best;
}

}  // namespace

void WriteSweepTables(const std::vector<SweepOutcome>& sweep,
                      const std::vector<std::string>& classes, double clean_accuracy,
                      const fs::path& dir) {
  Table table({"attack", "epsilon", "epsilon_255", "images", "clean_accuracy", "robust_accuracy",
               "robust_accuracy_low", "robust_accuracy_high", "success_rate", "mean_linf",
               "max_linf", "mean_l2", "max_l2", "min_pixel", "max_pixel", "nan_values",
               "gradient_steps", "seconds"});
  Table confusion({"attack", "epsilon", "true_class", "predicted_class", "count"});
  const int64_t c = static_cast<int64_t>(classes.size());
  for (const SweepOutcome& outcome : sweep) {
    const SweepRow& r = outcome.row;
    const bool linf = r.norm == Norm::kLinf;
    const core::Interval robust = RobustInterval(r);
    table.AddRow(
        {r.attack, Table::Num(r.epsilon), Table::Num(linf ? r.epsilon * 255 : NAN, 4),
         std::to_string(r.images), Table::Num(clean_accuracy, 4), Table::Num(r.robust_accuracy, 4),
         Table::Num(robust.low, 4), Table::Num(robust.high, 4), Table::Num(r.success_rate, 4),
         Table::Num(r.mean_linf, 4), Table::Num(r.max_linf, 4), Table::Num(r.mean_l2, 4),
         Table::Num(r.max_l2, 4), Table::Num(r.min_pixel, 4), Table::Num(r.max_pixel, 4),
         std::to_string(r.nan_values), Table::Num(r.gradient_steps, 4), Table::Num(r.seconds, 3)});
    for (int64_t t = 0; t < c; ++t) {
      for (int64_t p = 0; p < c; ++p) {
        confusion.AddRow({r.attack, Table::Num(r.epsilon), classes[t], classes[p],
                          std::to_string(outcome.confusion[t * c + p].item<int64_t>())});
      }
    }
  }
  table.WriteCsv(dir / "sweep.csv");
  confusion.WriteCsv(dir / "confusion.csv");
  // AutoAttack's log: the robust accuracy after each member, in order.
  Table ensemble({"attack", "version", "epsilon", "stage", "member", "newly_fooled",
                  "robust_accuracy", "seconds"});
  for (const SweepOutcome& outcome : sweep) {
    int64_t robust = outcome.clean_correct;
    for (size_t i = 0; i < outcome.stages.size(); ++i) {
      const EnsembleStage& stage = outcome.stages[i];
      robust -= stage.newly_fooled;
      ensemble.AddRow({outcome.row.attack, outcome.suite, Table::Num(outcome.row.epsilon),
                       std::to_string(i + 1), stage.attack, std::to_string(stage.newly_fooled),
                       Table::Num(static_cast<double>(robust) / outcome.row.images, 4),
                       Table::Num(stage.seconds, 3)});
    }
  }
  if (!ensemble.rows().empty()) ensemble.WriteCsv(dir / "ensemble.csv");
}

std::vector<CheckFlag> SweepChecks(const std::vector<SweepOutcome>& sweep, double clean_accuracy) {
  int64_t zero = 0, attacked = 0;
  std::vector<EnsembleTrace> traces;
  for (const SweepOutcome& outcome : sweep) {
    const std::string& name = outcome.row.attack;
    if (name.rfind("apgd_dlr", 0) == 0 || name.rfind("apgd_t", 0) == 0 ||
        name.rfind("ensemble", 0) == 0) {
      zero += outcome.zero_gradient_images;
      attacked += outcome.row.images;
    }
    if (outcome.stages.empty()) continue;
    EnsembleTrace& trace = traces.emplace_back();
    trace.attack = name + " at " + Table::Num(outcome.row.epsilon, 4);
    trace.clean_accuracy = clean_accuracy;
    int64_t robust = outcome.clean_correct;
    for (const EnsembleStage& stage : outcome.stages) {
      robust -= stage.newly_fooled;
      trace.members.push_back(stage.attack);
      trace.robust_accuracy.push_back(static_cast<double>(robust) / outcome.row.images);
    }
  }
  return {CheckZeroGradient(zero, attacked), CheckSquareImprovement(traces)};
}

void WriteChecks(const std::vector<CheckFlag>& checks, const fs::path& dir) {
  Table table({"check", "raised", "detail", "meaning"});
  for (const CheckFlag& flag : checks) {
    table.AddRow({flag.check, flag.raised ? "true" : "false", flag.detail, flag.meaning});
  }
  table.WriteCsv(dir / "checks.csv");
}

NamedFigures AccuracyFigures(const std::vector<SweepRow>& rows, double clean_accuracy) {
  return {{"accuracy_linf", AccuracyFigure(rows, Norm::kLinf, clean_accuracy)},
          {"accuracy_l2", AccuracyFigure(rows, Norm::kL2, clean_accuracy)}};
}

NamedFigures WriteRelabelingTables(const RelabelingOutcome& r,
                                   const std::vector<std::string>& classes, const fs::path& dir) {
  Table transfer({"label_set", "trained", "attacked", "successful", "clean_accuracy",
                  "transfer_rate", "transfer_rate_low", "transfer_rate_high", "target_probability",
                  "still_true_rate", "noise_transfer_rate", "noise_target_probability",
                  "clean_transfer_rate", "clean_target_probability", "text_cosine_to_a"});
  Table pairs({"label_set", "true_class", "target_class", "successful", "transfer_rate",
               "target_probability"});
  report::Heatmap overview;
  overview.column_labels = {"adversarial", "noise baseline", "clean baseline"};
  const int64_t c = static_cast<int64_t>(classes.size());
  NamedFigures figures;
  for (size_t s = 0; s < r.transfers.size(); ++s) {
    const TransferSummary& t = r.transfers[s].summary;
    // No adversary reached its target: no rate, so no interval either.
    const core::Interval interval =
        t.successful > 0
            ? core::WilsonInterval(std::round(t.transfer_rate * t.successful), t.successful)
            : core::Interval{NAN, NAN};
    transfer.AddRow(
        {t.label_set, t.trained ? "true" : "false", std::to_string(t.attacked),
         std::to_string(t.successful), Table::Num(t.clean_accuracy, 4),
         Table::Num(t.transfer_rate, 4), Table::Num(interval.low, 4), Table::Num(interval.high, 4),
         Table::Num(t.target_probability, 4), Table::Num(t.still_true_rate, 4),
         Table::Num(t.noise_transfer_rate, 4), Table::Num(t.noise_target_probability, 4),
         Table::Num(t.clean_transfer_rate, 4), Table::Num(t.clean_target_probability, 4),
         Table::Num(r.text_cosine_to_a[s], 4)});
    overview.row_labels.push_back(t.label_set);
    overview.values.insert(overview.values.end(),
                           {t.transfer_rate, t.noise_transfer_rate, t.clean_transfer_rate});
    report::Heatmap matrix;
    matrix.row_labels = matrix.column_labels = classes;
    matrix.values.assign(c * c, NAN);
    for (const TransferPair& p : r.transfers[s].pairs) {
      pairs.AddRow({p.label_set, classes[p.true_class], classes[p.target_class],
                    std::to_string(p.successful), Table::Num(p.transfer_rate, 4),
                    Table::Num(p.target_probability, 4)});
      matrix.values[p.true_class * c + p.target_class] = p.transfer_rate;
    }
    report::Figure heat;
    heat.title =
        "Transfer under '" + t.label_set + "': argmax = target (rows: true, columns: target)";
    heat.heatmap = matrix;
    heat.width = heat.height = 640;
    figures.emplace_back("transfer_" + t.label_set, heat);
  }
  transfer.WriteCsv(dir / "relabel_summary.csv");
  pairs.WriteCsv(dir / "relabel_pairs.csv");
  report::Figure summary;
  summary.title = "Fraction of successful set-A adversaries read as their target";
  summary.heatmap = overview;
  summary.height = 120 + 40 * static_cast<int>(overview.row_labels.size());
  figures.emplace_back("transfer_summary", summary);
  return figures;
}

void WriteExamples(const RelabelingOutcome& r, const ImageSet& images, const LabelSets& sets,
                   int count, const fs::path& dir) {
  std::vector<GridExample> examples;
  Table labels(
      {"example", "true_class", "target_class", "label_set", "clean_top3", "adversarial_top3"});
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
    for (size_t s = 0; s < r.sets.size(); ++s) {
      labels.AddRow({std::to_string(k + 1), sets.classes[r.labels[i].item<int64_t>()],
                     sets.classes[r.targets[i].item<int64_t>()], r.sets[s]->name,
                     TopThree(r.clean_probabilities[s][i], r.sets[s]->labels),
                     TopThree(r.adversarial_probabilities[s][i], r.sets[s]->labels)});
    }
    examples.push_back(std::move(e));
  }
  WriteAdversarialGrid(examples, dir / "adversarial_grid.png");
  labels.WriteCsv(dir / "adversarial_examples.csv");
}

NamedFigures ConfusionFigures(const std::vector<SweepOutcome>& sweep,
                              const std::vector<std::string>& classes) {
  std::vector<SweepRow> rows;
  rows.reserve(sweep.size());
  for (const SweepOutcome& outcome : sweep) rows.push_back(outcome.row);
  NamedFigures figures;
  for (const auto& [norm, epsilon, stem, budget] : HeadlineBudgets()) {
    const SweepRow* row = StrongestAt(rows, norm, epsilon);
    if (!row) continue;
    const torch::Tensor counts = sweep[row - rows.data()].confusion.to(torch::kDouble);
    const int64_t c = static_cast<int64_t>(classes.size());
    report::Heatmap heat;
    heat.row_labels = heat.column_labels = classes;
    // Each true class's row as fractions of its images: where its adversarial
    // predictions went. A class without test images stays empty (NaN).
    for (int64_t t = 0; t < c; ++t) {
      const double total = counts.slice(0, t * c, (t + 1) * c).sum().item<double>();
      for (int64_t p = 0; p < c; ++p) {
        heat.values.push_back(total > 0 ? counts[t * c + p].item<double>() / total : NAN);
      }
    }
    report::Figure figure;
    // Short enough for the figure's width in any sans-serif font.
    figure.title = row->attack + " at " + budget + ": predicted class per true class";
    figure.heatmap = heat;
    figure.width = figure.height = 640;
    figures.emplace_back(stem, figure);
  }
  return figures;
}

void WriteAttackReport(const AttackReportFacts& facts, const RelabelingOutcome& r,
                       const fs::path& run_dir) {
  const AttackJobSummary& summary = facts.summary;
  report::RunReport doc;
  doc.title = "Adversarial robustness of a zero-shot classifier";
  doc.summary.push_back(
      {"clean accuracy (" + std::to_string(summary.images) + " images; 95% Wilson)",
       WithInterval(summary.clean_accuracy,
                    core::WilsonInterval(std::round(summary.clean_accuracy * summary.images),
                                         static_cast<double>(summary.images)))});
  for (const auto& [norm, epsilon, stem, label] : HeadlineBudgets()) {
    if (const SweepRow* row = StrongestAt(summary.sweep, norm, epsilon)) {
      doc.summary.push_back({"robust accuracy, " + label + " (" + row->attack + ")",
                             WithInterval(row->robust_accuracy, RobustInterval(*row))});
    }
  }
  // Fort's question: do adversaries built on set A carry over to labels that
  // mean the same? The label set (after A) where they carry over most.
  const TransferSummary* most = nullptr;
  for (size_t s = 1; s < summary.transfer.size(); ++s) {
    if (!most || summary.transfer[s].transfer_rate > most->transfer_rate) {
      most = &summary.transfer[s];
    }
  }
  if (most) {
    doc.summary.push_back({"relabeling: highest transfer to another label set",
                           Table::Num(most->transfer_rate, 3) + " under '" + most->label_set +
                               "' (noise baseline " + Table::Num(most->noise_transfer_rate, 3) +
                               ")"});
  }
  if (!r.attack.Bounded() && !r.attack.clamp) {
    doc.warnings.push_back(
        "The relabeling attack (" + r.attack.Name() +
        ") is unbounded: its perturbations are not limited by an epsilon and pixels may leave "
        "[0, 1], as in Fort (2021); compare its transfer with the noise baseline.");
  }
  for (const CheckFlag& flag : facts.checks) {
    if (flag.raised) {
      doc.warnings.push_back("AutoAttack check '" + flag.check + "' raised: " + flag.detail + ". " +
                             flag.meaning);
    }
  }
  const double chance = 1.0 / std::max<size_t>(2, facts.classes);
  for (const TransferSummary& t : summary.transfer) {
    if (NearChance(t.clean_accuracy, chance)) {
      doc.warnings.push_back("Label set '" + t.label_set + "' is near chance on clean images (" +
                             Table::Num(t.clean_accuracy, 3) + ", chance " + Table::Num(chance, 3) +
                             "): transfer to it says little about label semantics.");
    }
  }
  report::ReportSection& robust = doc.sections.emplace_back();
  robust.title = "Robust accuracy";
  robust
      .Text(summary.model + ". " + std::to_string(summary.images) +
            " test images; zero-shot accuracy with label set '" + facts.set_a + "' and " +
            std::to_string(facts.templates) +
            " template(s): " + Table::Num(100 * summary.clean_accuracy, 3) +
            "% on these images (the CLIP job's page gives it on its whole test split; they "
            "differ by sampling; compare the intervals). Robust accuracy is the fraction still "
            "classified correctly after the attack "
            "(images misclassified when clean count as not robust); success rate counts only "
            "images correct when clean.")
      .Text("Images: " + facts.images + "; the attacks use the test part.")
      .FigureSvg("figures/accuracy_linf.svg")
      .Tiled()
      .FigureSvg("figures/accuracy_l2.svg")
      .Tiled()
      .TableCsv("sweep.csv", "Attack sweep")
      .Columns({{"epsilon", "the attack's budget (L-inf: per pixel in [0, 1]; L2: whole image)"},
                {"epsilon_255", "the L-inf budget in 1/255 steps"},
                {"clean_accuracy", "accuracy on the unattacked images"},
                {"robust_accuracy", "images still classified correctly after the attack"},
                {"robust_accuracy_low, _high", "its 95% Wilson interval over the images"},
                {"success_rate", "adversaries that flip images correct when clean"},
                {"mean_linf, max_linf, mean_l2, max_l2", "measured perturbation norms"},
                {"min_pixel, max_pixel, nan_values",
                 "the adversarial inputs' value range and NaN count (valid images: 0 to 1, "
                 "no NaN)"},
                {"gradient_steps", "input gradients per image"},
                {"seconds", "wall time of the attack at this budget"}});
  for (const auto& [norm, epsilon, stem, label] : HeadlineBudgets()) {
    if (StrongestAt(summary.sweep, norm, epsilon)) {
      robust.FigureSvg("figures/" + stem + ".svg").Tiled();
    }
  }
  robust.Text(
      "The per-class counts behind these matrices, for every attack and budget: "
      "confusion.csv.");
  if (fs::exists(run_dir / "ensemble.csv")) {
    robust.TableCsv("ensemble.csv", "Ensembles: robust accuracy after each member, in order")
        .Columns({{"version", "AutoAttack's version (attack.suite): standard is RobustBench's"},
                  {"stage, member", "the member's place in the ensemble and its name"},
                  {"newly_fooled", "images it fooled among those still robust"},
                  {"robust_accuracy", "images still correctly classified after it"},
                  {"seconds", "its time over all batches"}});
  }
  if (!facts.checks.empty()) {
    robust
        .Text(
            "AutoAttack's sanity checks (Croce & Hein; checks.py): a raised flag says the "
            "robust accuracy above may be overstated, and why.")
        .TableCsv("checks.csv", "Checks")
        .Columns({{"raised", "true when the check found the sign it looks for"},
                  {"detail", "what was measured"},
                  {"meaning", "what it suggests, and the remedy"}});
  }
  const TransferSummary& a = summary.transfer.front();
  report::ReportSection& relabel = doc.sections.emplace_back();
  relabel.title = "Relabeling test";
  relabel
      .Text("Relabeling test (Fort 2021): " + std::to_string(a.attacked) +
            " images attacked under '" + facts.set_a + "' with " + r.attack.Name() +
            (r.attack.method == AttackMethod::kEnsemble
                 ? " (AutoAttack's " + r.attack.suite +
                       " version, untargeted: an adversary's target is the class it reached); "
                 : " towards a random other class; ") +
            std::to_string(a.successful) +
            " reached their target. Each adversary is then classified under the other label "
            "sets, whose class i means the same as set A's class i. Baselines: the clean image, "
            "and the clean image plus random noise of the perturbation's L2 norm.")
      .FigureSvg("figures/transfer_summary.svg")
      .TableCsv("relabel_summary.csv", "Transfer of set-A adversaries to the other label sets")
      .Columns({{"trained", "whether the label set's words appeared in training captions"},
                {"attacked, successful",
                 "images attacked under set A, and those that reached "
                 "their target there"},
                {"transfer_rate",
                 "successful adversaries whose argmax under this set is the "
                 "target class"},
                {"transfer_rate_low, _high",
                 "its 95% Wilson interval over the successful ones "
                 "(empty when none succeeded)"},
                {"target_probability", "mean probability of the target class"},
                {"still_true_rate", "adversaries still read as their true class"},
                {"noise_*", "the same for the clean image plus noise of the perturbation's norm"},
                {"clean_*", "the same for the clean image"},
                {"text_cosine_to_a", "mean cosine of this set's class embeddings to set A's"}})
      .ImagePng("adversarial_grid.png",
                "Numbered examples: clean, adversarial and the change, amplified so the largest "
                "reaches black or white (mid-grey: unchanged); their labels are in the next table")
      .TableCsv("adversarial_examples.csv",
                "Top three labels (probability) of each example under every label set")
      .Columns({{"example", "the number beside the example's row in the picture"},
                {"true_class, target_class",
                 "its class and the class the attack aimed at (set "
                 "A's names)"},
                {"clean_top3, adversarial_top3",
                 "the three most probable labels of this set, "
                 "with probabilities, before and after"}});
  for (size_t s = 1; s < r.sets.size(); ++s) {
    relabel.FigureSvg("figures/transfer_" + r.sets[s]->name + ".svg").Tiled();
  }
  report::WriteRunReport(doc, run_dir);
}

}  // namespace advlab::adversarial
