#pragma once
// The feature-based task of Sumers et al. 2021, "Learning Rewards from
// Linguistic Feedback", in its simplest form: each episode offers K objects,
// each a colour and a shape; the agent takes one and earns w . phi(object),
// phi one-hot over colours and shapes, w the teacher's hidden weights. After
// each episode a simulated teacher says one sentence about it. Torch-free.
#include <random>
#include <string>
#include <vector>

#include "language/feedback_language.h"

namespace advlab::language {

struct Object {
  int colour = 0, shape = 0;
};

struct Episode {
  std::vector<Object> options;
  int chosen = 0;
};

// phi(object): colours.size() + shapes.size() features.
std::vector<double> Features(const FeedbackLanguage& language, const Object& object);
double Reward(const FeedbackLanguage& language, const std::vector<double>& w, const Object& o);
std::vector<Object> SampleOptions(const FeedbackLanguage& language, int count,
                                  std::mt19937_64& rng);
// The option with the highest w . phi (the first of ties).
int BestOption(const FeedbackLanguage& language, const std::vector<double>& w,
               const std::vector<Object>& options);

// What the teacher meant (for scoring the interpreter) and what it said.
struct Utterance {
  Form form = Form::kEvaluative;
  std::string text;
  std::vector<int> features;  // descriptive: the feature; imperative: colour and shape
  double sentiment = 0;       // evaluative and descriptive
};

// The simulated teacher speaks from its true weights: evaluative, the
// sentiment tanh(w . phi(chosen)) plus N(0, noise); imperative, the best
// option (with probability `noise` another one); descriptive, the feature of
// the options with the largest |w_f| (with probability `noise` another) and
// the sentiment tanh(w_f). Templates from the training or held-out set; the
// held-out ones also name features by any of their words (synonyms).
Utterance Speak(const FeedbackLanguage& language, Form form, const std::vector<double>& w,
                const Episode& episode, double noise, bool held_out, std::mt19937_64& rng);

}  // namespace advlab::language
