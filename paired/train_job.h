#pragma once
// The UED training job (`advlab paired`), one PAIRED iteration per update:
//   1. levels: domain randomisation draws them; otherwise the teacher designs them
//   2. the protagonist (and for PAIRED the antagonist, concurrently) plays every
//      level for ppo.steps steps per world, episodes restarting on the same level
//   3. the teacher's reward per level (regret.h) goes on its last design step
//   4. PPO for the teacher and for each student on its own environment reward
// Writes into the run directory:
//   metrics.csv         one row per update (see kMetricColumns)
//   baseline.csv        a uniformly random policy on one batch of training levels
//   checkpoints/        update_NNNNNN.pt every train.checkpoint_every updates, latest.pt
//   figures/            learning and complexity curves; levels_update_NNNNNN.png galleries
//   eval.csv, trajectories/  zero-shot evaluation when eval.episodes > 0
//   report.json/html
#include <filesystem>
#include <string>
#include <vector>

#include "paired/train_options.h"

namespace advlab::paired {

extern const std::vector<std::string> kMetricColumns;

struct TrainSummary {
  int first_update = 0, last_update = 0;
  double random_solved_rate = 0;
  double final_solved_rate = 0;  // mean over the last 10% of updates
  double seconds = 0;
};

// `resume`: continue from run_dir/checkpoints/latest.pt (metrics after it are dropped).
TrainSummary RunTraining(const TrainOptions& options, const std::filesystem::path& run_dir,
                         bool resume);

// The student's network options as YAML text (stored in checkpoints, so
// `advlab eval` can rebuild the network), and back.
std::string FormatStudentNetOptions(const StudentNetOptions& options);
StudentNetOptions ParseStudentNetOptions(const std::string& yaml, const std::string& source);

}  // namespace advlab::paired
