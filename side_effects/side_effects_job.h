#pragma once
// The side-effects job (`advlab side-effects`): trains into a run directory
//   metrics.csv      one row per update (both phases for AUP)
//   eval.csv         the trained policy, an idle agent and a uniformly random
//                    one on every training level: reward, completion, exits,
//                    side effects, length
//   checkpoints/     latest.pt and numbered ones (resume exact)
//   figures/         curves and the trained policy's episode on level_00
//   report.html
// Free of LibTorch so the command line can include it.
#include <filesystem>

#include "side_effects/side_effects_options.h"
#include "side_effects/side_effects_summary.h"

namespace advlab::side_effects {

// Device and levels, checked before anything is written (InputError).
void CheckSideEffectsInputs(const SideEffectsOptions& options);
SideEffectsSummary RunSideEffects(const SideEffectsOptions& options,
                                  const std::filesystem::path& run_dir, bool resume);
// The updates a checkpoint has done (InputError naming the file).
int SideEffectsCheckpointedUpdates(const std::filesystem::path& checkpoint);

}  // namespace advlab::side_effects
