#pragma once
// ACCEL's level editor (Parker-Holder et al. 2022; reference ued_replay.md
// section 4, dcd mg_60b_uni_accel_empty): small random edits of replayed
// levels, so the curriculum grows complexity from the buffer's frontier.
//
//   parents   e_b = mean return_b - clamp(mean |A|_b, 0, 1) per replayed level
//             over its whole rollout; the `parents` levels with the LOWEST e_b
//             (dcd's ascending argsort, over the flattened scores: PR #12's fix)
//   children  each parent copied children_per_parent times, each copy edited
//   edit      num_edits cells drawn with replacement from the interior; each is
//             cleared, then gets an op drawn uniformly from {wall, empty, goal};
//             a removed agent or goal is re-placed on a random free cell (the
//             agent keeps its direction)
// Torch-free; every draw comes from the generator given.
#include <random>
#include <vector>

#include "envs/level.h"

namespace advlab::paired {

envs::Level EditLevel(const envs::Level& parent, int num_edits, std::mt19937_64& rng);

// Indices of the `parents` levels with the lowest e_b (ties: lower index first).
std::vector<int> ChooseEditParents(const std::vector<double>& mean_return,
                                   const std::vector<double>& mean_abs_advantage, int parents);

}  // namespace advlab::paired
