#include <catch2/catch.hpp>

#include <vector>

#include "paired/episode_stats.h"

using namespace advlab::paired;

TEST_CASE("per-level episode statistics match a hand count", "[episode_stats]") {
  // Two worlds, five steps, time-major [T, N].
  // World 0: an episode of 2 steps paying 0.8, then one of 3 steps paying 0.
  // World 1: an episode of 4 steps paying 0.5, then an unfinished tail.
  const std::vector<float> rewards = {0, 0, 0.8f, 0, 0, 0, 0, 0.5f, 0, 0};
  const std::vector<float> dones = {0, 0, 1, 0, 0, 0, 0, 1, 1, 0};
  LevelReturns r = EpisodeStatistics(rewards.data(), dones.data(), 5, 2);
  CHECK(r.episodes == std::vector<int>{2, 1});
  CHECK(r.solved == std::vector<int>{1, 1});
  CHECK(r.mean_return[0] == Approx(0.4));
  CHECK(r.max_return[0] == Approx(0.8));
  CHECK(r.mean_length[0] == Approx(2.5));
  CHECK(r.solved_length[0] == Approx(2));
  CHECK(r.mean_return[1] == Approx(0.5));
  CHECK(r.mean_length[1] == Approx(4));
  CHECK(r.Episodes() == 3);
  CHECK(r.SolvedRate() == Approx(2.0 / 3));
  CHECK(r.MeanEpisodeReturn() == Approx(1.3 / 3));
  CHECK(r.LevelSolvedRate() == Approx(1.0));
}

TEST_CASE("worlds sharing a level pool their episodes, no episode reads as 0", "[episode_stats]") {
  const std::vector<float> rewards = {0.9f, 0, 0, 0.3f, 0, 0};
  const std::vector<float> dones = {1, 0, 0, 1, 0, 0};
  const std::vector<int> level_of_world = {1, 1, 0};
  LevelReturns r = EpisodeStatistics(rewards.data(), dones.data(), 2, 3, level_of_world.data(), 2);
  CHECK(r.episodes == std::vector<int>{0, 2});
  CHECK(r.mean_return[1] == Approx(0.6));
  CHECK(r.max_return[1] == Approx(0.9));
  CHECK(r.mean_return[0] == 0);
  CHECK(r.max_return[0] == 0);
  CHECK(r.LevelSolvedRate() == Approx(0.5));
}
