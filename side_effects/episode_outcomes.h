#pragma once
// What finished episodes achieved, averaged: task reward, goal completion
// (the share of the level's available points earned, SafeLife's
// reward / available), exits, SafeLife's side-effect score and length.
#include <vector>

#include "envs/life_batch.h"

namespace advlab::side_effects {

struct EpisodeOutcomes {
  int episodes = 0;
  double reward = 0, completion = 0, exits = 0, side_effects = 0, length = 0;  // NaN: no episode
};

// Side effects over `window` generations (envs/side_effect_score.h); the
// episodes are scored in parallel.
EpisodeOutcomes ScoreEpisodes(const std::vector<envs::life::LifeEpisode>& episodes, int window);

}  // namespace advlab::side_effects
