#pragma once
// What a training run reports back (train_job.h), apart from the job so the
// presentation (train_report.h) can read it without including the job.

namespace advlab::paired {

struct TrainSummary {
  int first_update = 0, last_update = 0;
  double random_solved_rate = 0;
  double random_episodes = 0;    // behind random_solved_rate
  double final_solved_rate = 0;  // mean over the last 10% of updates
  double seconds = 0;
  // A signal stopped the run (core/interrupt.h): training after a
  // checkpoint at last_update, or the final evaluation part way.
  bool interrupted = false;
  // Data-parallel runs: the ranks, and what rank 0 sent and waited for in
  // collectives from the start to the last update (gradients, gathers,
  // checkpoints; the first broadcast and the baseline's gather are a few).
  int ranks = 1;
  double communication_bytes = 0, communication_seconds = 0;
};

}  // namespace advlab::paired
