#pragma once
// The shaping reward of one condition: per world, which step of the
// narration comes next and the text it is spoken in this episode; a bonus
// the first time the state matches that step, then the next step is
// awaited (each step once, in order, as in Waytowich et al.).
//   sparse     never pays;
//   narration  the grounding model reads the state against the step's text;
//   oracle     the labelling program decides (perfect grounding).
#include <torch/torch.h>

#include <random>
#include <vector>

#include "envs/landmark_world.h"
#include "language/grounding_model.h"
#include "language/narration_language.h"
#include "language/narration_options.h"

namespace advlab::language {

class NarrationShaper {
 public:
  // `grounding` is read only for the narration condition.
  NarrationShaper(const NarrationOptions& options, const NarrationLanguage& language,
                  Shaping shaping, GroundingModel* grounding, uint64_t seed, int worlds);

  // World i starts an episode: the narration restarts, spoken anew.
  void NewEpisode(int i);
  // Bonuses for the states the worlds just reached, `planes` [N, P, S, S]
  // (their observations); counts the bonuses paid and those the labelling
  // program agrees with.
  std::vector<float> Rewards(const envs::landmarks::LandmarkWorlds& worlds,
                             const torch::Tensor& planes, int64_t* paid, int64_t* agreed);
  int next_step(int i) const { return next_[static_cast<size_t>(i)]; }

 private:
  const NarrationOptions& options_;
  const NarrationLanguage& language_;
  Shaping shaping_;
  GroundingModel* grounding_;
  std::mt19937_64 rng_;
  std::vector<int> next_;
  std::vector<std::vector<int>> templates_;  // per world, the template of each step
  torch::Tensor step_embeddings_;            // [templates x colours, D]
};

}  // namespace advlab::language
