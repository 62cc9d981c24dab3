#pragma once
// One reward condition of the narration experiment, trained and scored:
// PPO on the landmark task with
//   sparse     the task's reward only (1 - 0.9 t / T on finishing the order);
//   narration  plus `bonus` each time the grounding model reads the state as
//              matching the narration's next step (each step once, in order);
//   oracle     plus `bonus` each time the labelling program says so: the
//              same shaping with perfect grounding, to show what the learned
//              grounding costs.
// The narration is spoken per episode: each step in a template drawn from
// the phrasing set `shaping.phrasings` (held-out ones by default).
#include <torch/torch.h>

#include <vector>

#include "envs/landmark_world.h"
#include "language/grounding_model.h"
#include "language/narration_language.h"
#include "language/narration_options.h"

namespace advlab::language {

struct UpdatePoint {
  int update = 0;
  int64_t env_steps = 0;
  int episodes = 0, successes = 0;  // episodes that ended during this update's rollout
  double shaping_per_episode = 0;   // narration steps rewarded, per ended episode
};

struct ConditionResult {
  Shaping shaping = Shaping::kSparse;
  int seed_index = 0;
  std::vector<UpdatePoint> curve;
  // The trained policy (sampling) on eval.episodes fresh layouts.
  int eval_episodes = 0, eval_successes = 0;
  double eval_mean_steps = 0;  // over all evaluation episodes (failures count max_steps)
  // The first evaluation episode, to draw: its world at the end and the
  // agent's cells from the start.
  envs::landmarks::LandmarkWorld example;
  std::vector<int> example_trail;
  // Shaping rewards paid in training, and how many the program agrees with
  // (for the oracle they are equal; for the narration this is its precision).
  int64_t shaping_paid = 0, shaping_agreed = 0;
  double seconds = 0;
};

// `grounding` is needed (and only read) for the narration condition.
ConditionResult TrainCondition(const NarrationOptions& options, const NarrationLanguage& language,
                               Shaping shaping, int seed_index, GroundingModel* grounding,
                               torch::Device device);

}  // namespace advlab::language
