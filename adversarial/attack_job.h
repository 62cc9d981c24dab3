#pragma once
// `advlab attack`: clean and robust accuracy of a zero-shot classifier over a
// sweep of attacks and budgets, then Fort's relabeling test. Writes
//   sweep.csv            one row per attack and epsilon: robust accuracy with its 95%
//                        Wilson interval over the images, success rate, perturbation norms
//   confusion.csv        true class x adversarial prediction, per attack and epsilon
//   relabel_summary.csv  per label set: transfer rate and both baselines
//   relabel_pairs.csv    per label set and (true, target) class pair
//   adversarial_grid.png clean / adversarial / perturbation with top-3 labels
//   figures/, report.html
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "adversarial/attack_options.h"
#include "adversarial/image_set.h"
#include "adversarial/label_sets.h"
#include "adversarial/summaries.h"

namespace advlab::distributed {
class Collective;
}

namespace advlab::adversarial {

class DualEncoder;

// What the job reads, loaded (and so checked) before the run directory
// exists, so bad input stops it with nothing written.
struct AttackInputs {
  LabelSets sets;
  ImageSet images;  // the evaluation images
  std::unique_ptr<DualEncoder> model;

  AttackInputs();
  AttackInputs(AttackInputs&&) noexcept;
  ~AttackInputs();
};
AttackInputs LoadAttackInputs(const AttackJobOptions& options);

// With a `group` of ranks (distributed/), the batches are shared out and
// every rank gets every result, the same as one process's; rank 0 alone
// writes run_dir.
AttackJobSummary RunAttackJob(const AttackJobOptions& options, AttackInputs& inputs,
                              const std::filesystem::path& run_dir,
                              distributed::Collective* group = nullptr);

}  // namespace advlab::adversarial
