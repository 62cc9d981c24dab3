#include "paired/episode_stats.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace advlab::paired {

double LevelReturns::MeanEpisodeReturn() const {
  double total = 0;
  for (size_t i = 0; i < episodes.size(); ++i) total += mean_return[i] * episodes[i];
  return Episodes() ? total / Episodes() : 0;
}

double LevelReturns::MeanEpisodeLength() const {
  double total = 0;
  for (size_t i = 0; i < episodes.size(); ++i) total += mean_length[i] * episodes[i];
  return Episodes() ? total / Episodes() : 0;
}

double LevelReturns::SolvedRate() const {
  int total = std::accumulate(solved.begin(), solved.end(), 0);
  return Episodes() ? static_cast<double>(total) / Episodes() : 0;
}

double LevelReturns::LevelSolvedRate() const {
  if (solved.empty()) return 0;
  int levels = 0;
  for (int s : solved) levels += s > 0;
  return static_cast<double>(levels) / solved.size();
}

int LevelReturns::Episodes() const { return std::accumulate(episodes.begin(), episodes.end(), 0); }

LevelReturns EpisodeStatistics(const float* rewards, const float* dones, int steps, int worlds,
                               const int* level_of_world, int levels) {
  if (!level_of_world) levels = worlds;
  if (levels < 0) throw std::invalid_argument("EpisodeStatistics: levels not given");
  LevelReturns result;
  result.episodes.assign(levels, 0);
  result.solved.assign(levels, 0);
  result.mean_return.assign(levels, 0);
  result.max_return.assign(levels, 0);
  result.mean_length.assign(levels, 0);
  result.solved_length.assign(levels, 0);
  for (int n = 0; n < worlds; ++n) {
    const int level = level_of_world ? level_of_world[n] : n;
    double ret = 0;
    int length = 0;
    for (int t = 0; t < steps; ++t) {
      const size_t at = static_cast<size_t>(t) * worlds + n;
      ret += rewards[at];
      ++length;
      if (dones[at] == 0) continue;
      const int k = ++result.episodes[level];
      result.mean_return[level] += (ret - result.mean_return[level]) / k;
      result.mean_length[level] += (length - result.mean_length[level]) / k;
      // Seeded with the first episode so that a level whose every return is
      // negative (a shaped reward) does not report a max of 0.
      result.max_return[level] = k == 1 ? ret : std::max(result.max_return[level], ret);
      if (ret > 0) {
        const int s = ++result.solved[level];
        result.solved_length[level] += (length - result.solved_length[level]) / s;
      }
      ret = 0;
      length = 0;
    }
  }
  return result;
}

}  // namespace advlab::paired
