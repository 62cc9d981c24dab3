#include "paired/level_scores.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace advlab::paired {

const std::vector<std::string>& ScoreFunctionNames() {
  static const std::vector<std::string> names = {
      "positive_value_loss",          "value_l1", "signed_value_loss", "grounded_signed_value_loss",
      "grounded_positive_value_loss", "max_mc"};
  return names;
}

ScoreFunction ScoreFunctionFromName(const std::string& name) {
  if (name == "positive_value_loss") return ScoreFunction::kPositiveValueLoss;
  if (name == "value_l1") return ScoreFunction::kValueL1;
  if (name == "signed_value_loss") return ScoreFunction::kSignedValueLoss;
  if (name == "grounded_signed_value_loss" || name == "max_mc")
    return ScoreFunction::kGroundedSignedValueLoss;
  if (name == "grounded_positive_value_loss") return ScoreFunction::kGroundedPositiveValueLoss;
  throw std::invalid_argument("unknown score function '" + name + "'");
}

namespace {

// The score of the episode covering steps [begin, end) of world n.
double EpisodeScore(ScoreFunction f, const RolloutView& r, int n, int begin, int end,
                    double best_return) {
  double total = 0;
  for (int t = begin; t < end; ++t) {
    const size_t at = static_cast<size_t>(t) * r.worlds + n;
    const double a = r.advantages[at];
    switch (f) {
      case ScoreFunction::kPositiveValueLoss:
        total += std::max(a, 0.0);
        break;
      case ScoreFunction::kValueL1:
        total += std::abs(a);
        break;
      case ScoreFunction::kSignedValueLoss:
        total += a;
        break;
      case ScoreFunction::kGroundedSignedValueLoss:
        total += best_return - r.values[at];
        break;
      case ScoreFunction::kGroundedPositiveValueLoss:
        total += std::max(best_return - r.values[at], 0.0);
        break;
    }
  }
  return total / (end - begin);
}

}  // namespace

std::vector<ReplayScore> ScoreLevels(ScoreFunction function, const RolloutView& r,
                                     const double* stored_max_return, bool score_tail) {
  std::vector<ReplayScore> scores(r.worlds);
  for (int n = 0; n < r.worlds; ++n) {
    ReplayScore& level = scores[n];
    double best =
        stored_max_return ? stored_max_return[n] : -std::numeric_limits<double>::infinity();
    int begin = 0;
    double ret = 0;
    for (int t = 0; t < r.steps; ++t) {
      const size_t at = static_cast<size_t>(t) * r.worlds + n;
      ret += r.rewards[at];
      const bool done = r.dones[at] != 0;
      const bool tail = t == r.steps - 1 && !done;
      if (!done && !(tail && score_tail)) continue;
      best = std::max(best, ret);
      level.score = EpisodeScore(function, r, n, begin, t + 1, best);
      if (!level.scored) level.first_score = level.score;
      level.scored = true;
      begin = t + 1;
      ret = 0;
    }
    // G* is kept for every score function (dcd logs it for all), 0 before
    // any episode completed.
    level.max_return = std::isfinite(best) ? best : 0;
  }
  return scores;
}

}  // namespace advlab::paired
