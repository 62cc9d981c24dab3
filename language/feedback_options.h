#pragma once
// The feedback job's options (configs/language_feedback.yaml). Torch-free.
//
//   key                    default  meaning
//   seed                   0        teachers' weights, episodes and speech derive from it
//   language.file          language/data/feedback_language.yaml  lexicon and templates
//   language.phrasings     both     train | held_out | both (each message one or the other)
//   task.seeds             20       teachers (hidden weight vectors) per condition
//   task.messages          32       messages each learner hears
//   task.options           4        objects per episode
//   task.test_episodes     200      fresh episodes the learned policy is scored on
//   teacher.noise          0.1      sentiment noise sd; chance of naming a random option or feature
//   listener.beta          2.0      assumed teacher rationality in the likelihoods
//   listener.alpha         1.0      the pragmatic listener's weight on decision relevance
#include <cstdint>
#include <filesystem>
#include <string>

namespace advlab::core {
class Config;
}

namespace advlab::language {

struct FeedbackOptions {
  uint64_t seed = 0;
  std::filesystem::path language_file;
  std::string phrasings = "both";
  int seeds = 20;
  int messages = 32;
  int options = 4;
  int test_episodes = 200;
  double noise = 0.1;
  double beta = 2.0, alpha = 1.0;
};

FeedbackOptions ReadFeedbackOptions(core::Config& config);

}  // namespace advlab::language
