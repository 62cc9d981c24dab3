#pragma once
// The side-effects run's report: key numbers of the evaluation (the trained
// policy beside an idle and a random agent), learning curves over the task
// policy's steps, AUP's phases, and the trained policy's episode on level_00.
#include <filesystem>
#include <vector>

#include "envs/life_level.h"
#include "side_effects/side_effects_options.h"
#include "side_effects/side_effects_summary.h"

namespace advlab::side_effects {

void WriteSideEffectsReport(const SideEffectsOptions& options, const SideEffectsSummary& summary,
                            const std::vector<envs::life::LifeLevel>& levels,
                            const std::filesystem::path& run_dir);

// Mean of the non-NaN values among the last `window` rows up to each row
// (NaN until one is seen): episodes end every few updates, so raw curves
// are mostly noise.
std::vector<double> TrailingMean(const std::vector<double>& values, size_t window);

}  // namespace advlab::side_effects
