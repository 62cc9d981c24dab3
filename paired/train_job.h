#pragma once
// The UED training job (`advlab paired`): one UED iteration per update
// (ued_runner.h: level source, students, scores, learners, curation, edits),
// with the run directory around it:
//   metrics.csv         one row per update (see kMetricColumns; NaN where a
//                       learner or the buffer is absent or did not act)
//   baseline.csv        a uniformly random policy on one batch of training levels
//   checkpoints/        update_NNNNNN.pt every train.checkpoint_every updates, latest.pt
//   figures/            learning, complexity and buffer curves; levels_update_NNNNNN.png
//                       (played levels) and buffer_update_NNNNNN.png (top-scoring buffer levels)
//   eval.csv, trajectories/  zero-shot evaluation when eval.episodes > 0
//   report.json/html
#include <filesystem>
#include <string>
#include <vector>

#include "paired/train_options.h"
#include "paired/train_summary.h"

namespace advlab::distributed {
class Collective;
}

namespace advlab::paired {

extern const std::vector<std::string> kMetricColumns;

// Everything about the options that can be checked before a run directory
// exists: the device, the evaluation mazes, and whether the rollouts fit in
// memory. InputError naming the key otherwise.
void CheckTrainingInputs(const TrainOptions& options);

// `resume`: continue from run_dir/checkpoints/latest.pt (metrics after it are dropped).
// Under `advlab launch` (`group` set) every rank calls this with the same
// options; the ranks share the worlds out and rank 0 alone writes run_dir
// (the others only read it to resume). The other ranks' summaries hold no
// final solved rate, evaluation or time.
TrainSummary RunTraining(const TrainOptions& options, const std::filesystem::path& run_dir,
                         bool resume, distributed::Collective* group = nullptr);

}  // namespace advlab::paired
