#pragma once
// The feedback job (`advlab language feedback`): runs the experiment
// (feedback_experiment.h) into a run directory
//   curves.csv          normalised regret per form, listener and message count (mean, sd, seeds)
//   interpreter.csv     how the listener read the teacher, per phrasing set and form
//   unknown_words.csv   words the lexicon does not know, and how often they came
//   examples.csv        utterances and their readings
//   figures/, report.html
// Torch-free.
#include <filesystem>

#include "language/feedback_language.h"
#include "language/feedback_options.h"

namespace advlab::language {

struct FeedbackSummary {
  double seconds = 0;
  // Normalised regret after all messages, literal and pragmatic, per form.
  double final_regret[3][2] = {};
  double held_out_accuracy = 0;  // share of held-out phrasings read correctly
};

// Loads and checks the language file (InputError naming file and key).
void CheckFeedbackInputs(const FeedbackOptions& options);
FeedbackSummary RunFeedbackJob(const FeedbackOptions& options,
                               const std::filesystem::path& run_dir);

}  // namespace advlab::language
