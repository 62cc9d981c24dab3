#pragma once
// The listener's reading of a sentence (Sumers et al.'s utterance -> features
// and sentiment), by rule from the lexicon: the words are the lab's own
// tokenizer's (adversarial/word_tokenizer.h). Sentiment words add up, a
// negation flips the next one; feature words name colours and shapes; an
// imperative cue with a colour and a shape names an object. Words the
// lexicon does not know are listed, never guessed: they add no meaning, and
// a sentence that is only sentiment plus unknown words is not understood
// (it may be about a feature the lexicon lacks).
#include <string>
#include <vector>

#include "language/feedback_language.h"

namespace advlab::language {

struct Meaning {
  bool understood = false;
  Form form = Form::kEvaluative;
  std::vector<int> features;  // descriptive: the features; imperative: colour and shape
  double sentiment = 0;       // mean of the sentiment words, in [-1, 1]
  std::vector<std::string> unknown_words;
};

Meaning Interpret(const FeedbackLanguage& language, const std::string& utterance);

}  // namespace advlab::language
