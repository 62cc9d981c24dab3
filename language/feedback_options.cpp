#include "language/feedback_options.h"

#include "core/build_info.h"
#include "core/config.h"

namespace advlab::language {

FeedbackOptions ReadFeedbackOptions(core::Config& config) {
  FeedbackOptions o;
  o.seed = static_cast<uint64_t>(config.Int("seed", 0, 0, 1LL << 62));
  o.language_file = config.RequiredPath(
      "language.file", (ProjectHome() / "language" / "data" / "feedback_language.yaml").string());
  o.phrasings = config.Choice("language.phrasings", o.phrasings, {"train", "held_out", "both"});
  o.seeds = static_cast<int>(config.Int("task.seeds", o.seeds, 1, 100000));
  o.messages = static_cast<int>(config.Int("task.messages", o.messages, 1, 100000));
  o.options = static_cast<int>(config.Int("task.options", o.options, 2, 1000));
  o.test_episodes = static_cast<int>(config.Int("task.test_episodes", o.test_episodes, 1, 1000000));
  o.noise = config.Number("teacher.noise", o.noise, 0.0, 1.0);
  o.beta = config.Number("listener.beta", o.beta, 1e-6, 1e6);
  o.alpha = config.Number("listener.alpha", o.alpha, 0.0, 1e6);
  return o;
}

}  // namespace advlab::language
