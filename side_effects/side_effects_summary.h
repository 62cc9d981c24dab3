#pragma once
// What a side-effects run reports back (side_effects_job.h), apart from the
// job so the report (side_effects_report.h) can read it without the job.
#include "side_effects/episode_outcomes.h"

namespace advlab::side_effects {

struct SideEffectsSummary {
  int first_update = 0, last_update = -1;
  double seconds = 0;
  bool interrupted = false;               // a signal stopped training after a checkpoint
  EpisodeOutcomes trained, idle, random;  // evaluation over all levels
};

}  // namespace advlab::side_effects
