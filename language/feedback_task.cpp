#include "language/feedback_task.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace advlab::language {
namespace {

std::string Fill(std::string text, const std::string& slot, const std::string& value) {
  const std::string key = "{" + slot + "}";
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key)) {
    text.replace(at, key.size(), value);
  }
  return text;
}

}  // namespace

std::vector<double> Features(const FeedbackLanguage& language, const Object& object) {
  std::vector<double> phi(static_cast<size_t>(language.features()), 0.0);
  phi[static_cast<size_t>(object.colour)] = 1;
  phi[language.colours.size() + static_cast<size_t>(object.shape)] = 1;
  return phi;
}

double Reward(const FeedbackLanguage& language, const std::vector<double>& w, const Object& o) {
  return w[static_cast<size_t>(o.colour)] +
         w[language.colours.size() + static_cast<size_t>(o.shape)];
}

std::vector<Object> SampleOptions(const FeedbackLanguage& language, int count,
                                  std::mt19937_64& rng) {
  std::vector<Object> options(static_cast<size_t>(count));
  for (Object& o : options) {
    o.colour = static_cast<int>(rng() % language.colours.size());
    o.shape = static_cast<int>(rng() % language.shapes.size());
  }
  return options;
}

int BestOption(const FeedbackLanguage& language, const std::vector<double>& w,
               const std::vector<Object>& options) {
  int best = 0;
  for (size_t i = 1; i < options.size(); ++i) {
    if (Reward(language, w, options[i]) > Reward(language, w, options[static_cast<size_t>(best)])) {
      best = static_cast<int>(i);
    }
  }
  return best;
}

Utterance Speak(const FeedbackLanguage& language, Form form, const std::vector<double>& w,
                const Episode& episode, double noise, bool held_out, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> uniform(0, 1);
  std::normal_distribution<double> gauss(0, 1);
  const auto& templates =
      (held_out ? language.held_out_templates : language.train_templates).at(form);
  Utterance u;
  u.form = form;
  std::string text = templates[rng() % templates.size()];
  const int colours = static_cast<int>(language.colours.size());
  if (form == Form::kEvaluative) {
    const double value = Reward(language, w, episode.options[static_cast<size_t>(episode.chosen)]);
    u.sentiment = std::clamp(std::tanh(value) + noise * gauss(rng), -1.0, 1.0);
    text = Fill(text, "sentiment", language.SentimentWord(u.sentiment));
  } else if (form == Form::kImperative) {
    size_t pick = static_cast<size_t>(BestOption(language, w, episode.options));
    if (uniform(rng) < noise) pick = rng() % episode.options.size();
    const Object& o = episode.options[pick];
    u.features = {o.colour, colours + o.shape};
    text = Fill(Fill(text, "colour", language.FeatureWord(o.colour, held_out, rng())), "shape",
                language.FeatureWord(colours + o.shape, held_out, rng()));
  } else {
    // The features the options show: the decision-relevant ones.
    std::set<int> present;
    for (const Object& o : episode.options) {
      present.insert(o.colour);
      present.insert(colours + o.shape);
    }
    std::vector<int> candidates(present.begin(), present.end());
    int feature = candidates.front();
    for (int f : candidates) {
      if (std::abs(w[static_cast<size_t>(f)]) > std::abs(w[static_cast<size_t>(feature)]))
        feature = f;
    }
    if (uniform(rng) < noise) feature = candidates[rng() % candidates.size()];
    u.features = {feature};
    u.sentiment = std::tanh(w[static_cast<size_t>(feature)]);
    text = Fill(Fill(text, "feature", language.FeatureWord(feature, held_out, rng())), "sentiment",
                language.SentimentWord(u.sentiment));
  }
  u.text = text;
  return u;
}

}  // namespace advlab::language
