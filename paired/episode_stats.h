#pragma once
// Per-level episode statistics of one rollout, as a pure function of what
// the worlds answered: rewards[T, N] and dones[T, N] (time-major, world n
// playing level level_of_world[n]). Every rollout starts with a reset, so
// an episode runs from the step after a done (or from t = 0) to the next
// done; its return is the sum of its rewards and it is solved when that
// return is positive (the maze pays only at the goal). The unfinished tail
// of a rollout is not an episode. Mean and max are over completed episodes,
// 0 when none completed (dcd's convention).
#include <cstdint>
#include <vector>

namespace advlab::paired {

struct LevelReturns {
  std::vector<int> episodes;  // completed episodes per level
  std::vector<int> solved;    // of which reached the goal
  std::vector<double> mean_return, max_return;
  std::vector<double> mean_length;
  std::vector<double> solved_length;  // mean length of solved episodes (0 if none)

  double MeanEpisodeReturn() const;  // over all completed episodes
  double MeanEpisodeLength() const;
  double SolvedRate() const;       // solved / completed episodes
  double LevelSolvedRate() const;  // levels solved at least once / levels
  int Episodes() const;
};

// `level_of_world` may be null: world n plays level n (then levels == worlds).
LevelReturns EpisodeStatistics(const float* rewards, const float* dones, int steps, int worlds,
                               const int* level_of_world = nullptr, int levels = -1);

}  // namespace advlab::paired
