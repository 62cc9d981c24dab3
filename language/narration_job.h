#pragma once
// The narration-shaping job (`advlab language shaping`): for each of `seeds`
// seeds, trains the grounding model and then PPO under every reward
// condition (narration_training.h), on two threads, into a run directory
//   grounding.csv       the grounding model's accuracy per seed, template and phrasing set
//                       (when the narration condition runs)
//   curves.csv          per seed, condition and update: episodes ended, successes, shaping paid
//   curve_summary.csv   success rate per condition over bins of updates, mean and sd over seeds
//   final.csv           the trained policies on fresh layouts, per seed and condition
//   images/, figures/, report.html
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "language/narration_language.h"
#include "language/narration_options.h"

namespace advlab::language {

struct ConditionSpread {
  Shaping shaping = Shaping::kSparse;
  std::vector<double> success;  // per seed, on the evaluation layouts
  double mean = 0, sd = 0;
};

struct NarrationSummary {
  double seconds = 0;
  std::vector<ConditionSpread> conditions;
  // Grounding accuracy on held-out phrasings, mean over seeds (-1: not trained).
  double held_out_accuracy = -1, held_out_recall = -1;
};

// Loads the language file and resolves world.order against its colours
// (InputError naming the file or the config and key). Fills options.world.
void ResolveNarrationInputs(NarrationOptions& options);

// `progress` gets one line per finished seed and condition.
NarrationSummary RunNarrationJob(const NarrationOptions& options,
                                 const std::filesystem::path& run_dir,
                                 const std::function<void(const std::string&)>& progress);

}  // namespace advlab::language
