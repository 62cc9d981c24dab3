#pragma once
// Learning rewards from linguistic feedback, measured: for every form of
// feedback and both listeners, task.seeds teachers (w ~ N(0, I)) each teach
// a learner with task.messages messages, one after each episode the learner
// plays greedily on its posterior mean. The learned policy is scored after
// 0, 1, 2, 4, ... messages on fixed test episodes: its regret, normalised so
// that a uniformly random choice scores 1 and the best choice 0. Torch-free.
#include <map>
#include <string>
#include <vector>

#include "language/feedback_language.h"
#include "language/feedback_options.h"
#include "language/reward_posterior.h"

namespace advlab::language {

struct CurvePoint {
  Form form = Form::kEvaluative;
  Listener listener = Listener::kLiteral;
  int messages = 0;
  double mean = 0, sd = 0;  // normalised regret over seeds
  int seeds = 0;
};

// How the interpreter read the teacher: per phrasing set and form.
struct InterpreterScore {
  std::string phrasings;  // train | held_out
  Form form = Form::kEvaluative;
  int utterances = 0, understood = 0, correct = 0, with_unknown_words = 0;
};

struct FeedbackResults {
  std::vector<CurvePoint> curve;
  std::vector<InterpreterScore> interpreter;
  std::map<std::string, int> unknown_words;  // word -> times heard
  std::vector<std::string> examples;         // "form | phrasing | utterance | meaning"
};

// The message counts the curve is scored at: 0, 1, 2, 4, ... and the last.
std::vector<int> ScoredCounts(int messages);

FeedbackResults RunFeedbackExperiment(const FeedbackOptions& options,
                                      const FeedbackLanguage& language);

}  // namespace advlab::language
