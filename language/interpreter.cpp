#include "language/interpreter.h"

#include <algorithm>

#include "adversarial/word_tokenizer.h"

namespace advlab::language {

Meaning Interpret(const FeedbackLanguage& language, const std::string& utterance) {
  Meaning m;
  bool negate = false, cue = false;
  double sentiment = 0;
  int sentiment_words = 0;
  std::vector<int> colours, shapes;
  const int first_shape = static_cast<int>(language.colours.size());
  for (const std::string& word : adversarial::WordTokenizer::Words(utterance)) {
    if (language.negations.count(word)) {
      negate = !negate;
    } else if (auto s = language.sentiment.find(word); s != language.sentiment.end()) {
      sentiment += negate ? -s->second : s->second;
      negate = false;
      ++sentiment_words;
    } else if (auto f = language.feature_words.find(word); f != language.feature_words.end()) {
      (f->second < first_shape ? colours : shapes).push_back(f->second);
    } else if (language.cues.count(word)) {
      cue = true;
    } else if (!language.function_words.count(word)) {
      m.unknown_words.push_back(word);
    }
  }
  if (sentiment_words > 0) m.sentiment = std::clamp(sentiment / sentiment_words, -1.0, 1.0);
  if (cue && colours.size() == 1 && shapes.size() == 1) {
    m.understood = true;
    m.form = Form::kImperative;
    m.features = {colours[0], shapes[0]};
  } else if (!cue && sentiment_words > 0 && colours.size() + shapes.size() > 0) {
    m.understood = true;
    m.form = Form::kDescriptive;
    m.features = colours;
    m.features.insert(m.features.end(), shapes.begin(), shapes.end());
  } else if (!cue && sentiment_words > 0 && m.unknown_words.empty()) {
    // With an unknown word this might be about an unknown feature ("purple
    // things are good"): not read as praise of the whole episode.
    m.understood = true;
    m.form = Form::kEvaluative;
  }
  return m;
}

}  // namespace advlab::language
