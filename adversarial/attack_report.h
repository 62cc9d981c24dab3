#pragma once
// The attack job's presentation, apart from its computation (attack_job.cpp):
// the sweep and confusion tables, the robust-accuracy figures, the relabeling
// tables and heat maps, the adversarial grid and the report's prose. What it
// shows comes in measured.
#include <torch/torch.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "adversarial/attack_spec.h"
#include "adversarial/attacks.h"
#include "adversarial/image_set.h"
#include "adversarial/label_sets.h"
#include "adversarial/relabeling.h"
#include "adversarial/robustness_checks.h"
#include "adversarial/summaries.h"
#include "report/figure.h"

namespace advlab::adversarial {

using NamedFigures = std::vector<std::pair<std::string, report::Figure>>;

// One attack at one budget: its row of sweep.csv and the confusion counts
// [classes * classes] (true class x adversarial prediction).
struct SweepOutcome {
  SweepRow row;
  torch::Tensor confusion;
  std::vector<EnsembleStage> stages;  // an ensemble's members
  std::string suite;                  // an ensemble's AutoAttack version
  int64_t zero_gradient_images = 0;   // APGD-DLR, APGD-T (and ensembles with them)
  int64_t clean_correct = 0;          // images correctly classified when clean
};

// Fort's relabeling test as measured: the attacked images and, per label set
// (set A first), the probabilities and the transfer result.
struct RelabelingOutcome {
  AttackSpec attack;
  torch::Tensor clean, labels, targets;  // the attacked images (CPU)
  torch::Tensor adversarial, success;    // under set A (CPU)
  std::vector<const LabelSet*> sets;
  std::vector<torch::Tensor> clean_probabilities, adversarial_probabilities;
  std::vector<TransferResult> transfers;
  std::vector<double> text_cosine_to_a;  // mean cosine of each set's class embeddings to A's
};

// sweep.csv, confusion.csv, and ensemble.csv (robust accuracy after each
// member of every ensemble, with its time) when the sweep has one.
void WriteSweepTables(const std::vector<SweepOutcome>& sweep,
                      const std::vector<std::string>& classes, double clean_accuracy,
                      const std::filesystem::path& dir);
// Robust accuracy against epsilon, one figure per norm.
NamedFigures AccuracyFigures(const std::vector<SweepRow>& rows, double clean_accuracy);
// relabel_summary.csv, relabel_pairs.csv, and the transfer heat maps.
NamedFigures WriteRelabelingTables(const RelabelingOutcome& r,
                                   const std::vector<std::string>& classes,
                                   const std::filesystem::path& dir);
// adversarial_grid.png: the first `count` successful adversaries, and
// adversarial_examples.csv: their top-3 labels under every label set.
void WriteExamples(const RelabelingOutcome& r, const ImageSet& images, const LabelSets& sets,
                   int count, const std::filesystem::path& dir);
// Where the strongest attack's predictions go at 8/255 L-inf and 0.5 L2
// (confusion_linf, confusion_l2), rows as fractions of each true class.
NamedFigures ConfusionFigures(const std::vector<SweepOutcome>& sweep,
                              const std::vector<std::string>& classes);

struct AttackReportFacts {
  const AttackJobSummary& summary;
  std::string set_a;
  size_t templates = 0;
  size_t classes = 0;
  std::string images;             // where the images came from (DescribeSplits)
  std::vector<CheckFlag> checks;  // AutoAttack's sanity checks (checks.csv)
};
// checks.csv, and the flags' facts from the sweep: zero gradients at DLR
// starts, Square beating an ensemble's white-box members.
std::vector<CheckFlag> SweepChecks(const std::vector<SweepOutcome>& sweep, double clean_accuracy);
void WriteChecks(const std::vector<CheckFlag>& checks, const std::filesystem::path& dir);
void WriteAttackReport(const AttackReportFacts& facts, const RelabelingOutcome& r,
                       const std::filesystem::path& run_dir);

}  // namespace advlab::adversarial
