#include "language/feedback_experiment.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

#include "core/seed_streams.h"
#include "language/feedback_task.h"
#include "language/interpreter.h"

namespace advlab::language {
namespace {

// Normalised regret of choosing by `estimate` on the test episodes.
double NormalisedRegret(const FeedbackLanguage& language, const std::vector<double>& w,
                        const std::vector<double>& estimate,
                        const std::vector<std::vector<Object>>& tests) {
  double regret = 0, random = 0;
  for (const auto& options : tests) {
    const double best =
        Reward(language, w, options[static_cast<size_t>(BestOption(language, w, options))]);
    regret += best - Reward(language, w,
                            options[static_cast<size_t>(BestOption(language, estimate, options))]);
    double mean = 0;
    for (const Object& o : options)
      mean += Reward(language, w, o) / static_cast<double>(options.size());
    random += best - mean;
  }
  return random > 0 ? regret / random : 0;
}

bool Correct(const Utterance& said, const Meaning& heard) {
  if (!heard.understood || heard.form != said.form) return false;
  std::vector<int> a = said.features, b = heard.features;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a != b) return false;
  if (said.form == Form::kImperative) return true;
  return (said.sentiment >= 0) == (heard.sentiment >= 0);
}

// The message as the listener's likelihood reads it (nullopt-like: form of
// an understood meaning only).
Observation Observe(const FeedbackLanguage& language, const Meaning& m, const Episode& e) {
  Observation o;
  o.form = m.form;
  o.sentiment = m.sentiment;
  if (m.form == Form::kEvaluative) {
    o.chosen = Features(language, e.options[static_cast<size_t>(e.chosen)]);
  } else if (m.form == Form::kDescriptive) {
    o.feature = m.features.front();
    const int colours = static_cast<int>(language.colours.size());
    for (const Object& x : e.options) {
      o.present.push_back(x.colour);
      o.present.push_back(colours + x.shape);
    }
    std::sort(o.present.begin(), o.present.end());
    o.present.erase(std::unique(o.present.begin(), o.present.end()), o.present.end());
    if (std::find(o.present.begin(), o.present.end(), o.feature) == o.present.end()) {
      o.present.push_back(o.feature);
    }
  } else {
    const int colours = static_cast<int>(language.colours.size());
    o.named = -1;
    for (size_t k = 0; k < e.options.size(); ++k) {
      o.options.push_back(Features(language, e.options[k]));
      if (e.options[k].colour == m.features[0] && colours + e.options[k].shape == m.features[1]) {
        o.named = static_cast<int>(k);
      }
    }
    if (o.named < 0) {  // an object not on offer: still a preference for it
      Object named{m.features[0], m.features[1] - colours};
      o.options.push_back(Features(language, named));
      o.named = static_cast<int>(o.options.size()) - 1;
    }
  }
  return o;
}

}  // namespace

std::vector<int> ScoredCounts(int messages) {
  std::vector<int> counts = {0};
  for (int n = 1; n < messages; n *= 2) counts.push_back(n);
  counts.push_back(messages);
  return counts;
}

FeedbackResults RunFeedbackExperiment(const FeedbackOptions& options,
                                      const FeedbackLanguage& language) {
  const std::vector<int> scored = ScoredCounts(options.messages);
  const int d = language.features();
  FeedbackResults results;
  std::map<std::pair<std::string, Form>, InterpreterScore> scores;
  std::map<Form, int> examples_of;  // the first seed's first messages, as examples
  for (Form form : kForms) {
    for (Listener listener : {Listener::kLiteral, Listener::kPragmatic}) {
      // regrets[k][seed] at scored[k] messages
      std::vector<std::vector<double>> regrets(scored.size());
      for (int s = 0; s < options.seeds; ++s) {
        const uint64_t index = static_cast<uint64_t>(s);
        std::mt19937_64 weights_rng(StreamSeed(options.seed, "teacher_weights", index));
        std::normal_distribution<double> gauss(0, 1);
        std::vector<double> w(static_cast<size_t>(d));
        for (double& x : w) x = gauss(weights_rng);
        std::mt19937_64 test_rng(StreamSeed(options.seed, "test_episodes", index));
        std::vector<std::vector<Object>> tests;
        tests.reserve(static_cast<size_t>(options.test_episodes));
        for (int t = 0; t < options.test_episodes; ++t) {
          tests.push_back(SampleOptions(language, options.options, test_rng));
        }
        // The same episodes and speech randomness for both listeners.
        std::mt19937_64 rng(StreamSeed(options.seed, "episodes_" + FormName(form), index));
        RewardPosterior posterior(d, listener, options.beta, options.alpha);
        auto estimate = [&] {
          return std::vector<double>(posterior.mean().data(), posterior.mean().data() + d);
        };
        size_t next = 0;
        for (int m = 0; m <= options.messages; ++m) {
          if (next < scored.size() && scored[next] == m) {
            regrets[next++].push_back(NormalisedRegret(language, w, estimate(), tests));
          }
          if (m == options.messages) break;
          Episode e;
          e.options = SampleOptions(language, options.options, rng);
          // Greedy on the posterior mean, ties broken at random.
          const std::vector<double> mean = estimate();
          double best = -1e300;
          std::vector<int> ties;
          for (size_t k = 0; k < e.options.size(); ++k) {
            const double r = Reward(language, mean, e.options[k]);
            if (r > best + 1e-12) {
              best = r;
              ties = {static_cast<int>(k)};
            } else if (std::abs(r - best) <= 1e-12) {
              ties.push_back(static_cast<int>(k));
            }
          }
          e.chosen = ties[rng() % ties.size()];
          const bool held_out =
              options.phrasings == "held_out" || (options.phrasings == "both" && rng() % 2 == 1);
          const Utterance said = Speak(language, form, w, e, options.noise, held_out, rng);
          const Meaning heard = Interpret(language, said.text);
          if (listener == Listener::kLiteral) {
            InterpreterScore& score = scores[{held_out ? "held_out" : "train", form}];
            score.phrasings = held_out ? "held_out" : "train";
            score.form = form;
            ++score.utterances;
            score.understood += heard.understood;
            score.correct += Correct(said, heard);
            score.with_unknown_words += !heard.unknown_words.empty();
            for (const std::string& word : heard.unknown_words) ++results.unknown_words[word];
            if (s == 0 && examples_of[form]++ < 3) {
              std::ostringstream line;
              line << FormName(form) << " | " << (held_out ? "held-out" : "train") << " | "
                   << said.text << " | "
                   << (heard.understood ? FormName(heard.form) : std::string("not understood"));
              for (int f : heard.features) line << " " << language.FeatureName(f);
              if (heard.form != Form::kImperative && heard.understood) {
                line << " sentiment " << std::round(heard.sentiment * 100) / 100;
              }
              results.examples.push_back(line.str());
            }
          }
          if (heard.understood) posterior.Add(Observe(language, heard, e));
        }
      }
      for (size_t k = 0; k < scored.size(); ++k) {
        CurvePoint p;
        p.form = form;
        p.listener = listener;
        p.messages = scored[k];
        p.seeds = static_cast<int>(regrets[k].size());
        for (double r : regrets[k]) p.mean += r / p.seeds;
        for (double r : regrets[k]) p.sd += (r - p.mean) * (r - p.mean);
        p.sd = p.seeds > 1 ? std::sqrt(p.sd / (p.seeds - 1)) : 0;
        results.curve.push_back(p);
      }
    }
  }
  for (auto& [key, score] : scores) results.interpreter.push_back(score);
  return results;
}

}  // namespace advlab::language
