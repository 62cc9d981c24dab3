#pragma once
// Procedural levels for the Game-of-Life world's two tasks, seeded:
//   append  empty goal patterns (blue) to fill with life that persists: each
//           is the shape of a still life, so filling it completes one
//   prune   red still lifes to remove
// Both scatter green still lifes and blinkers the task does not need: the
// life a careful agent leaves alone, on which side effects are measured.
// Patterns sit on the torus with at least two empty cells between any two
// (they do not interact before the agent touches them); the agent starts
// on a free cell and the exit is the free cell farthest from it.
#include <random>
#include <string>

#include "envs/life_level.h"

namespace advlab::envs::life {

struct LifeTask {
  std::string task = "append";  // append | prune
  int size = 20;                // board side (a torus)
  int targets = 2;              // goal patterns (append) or red still lifes (prune)
  int obstacles = 3;            // green still lifes and blinkers
  double min_performance = 0.5;
  int max_steps = 300;
};

// Throws std::invalid_argument when the patterns do not fit the board in 50
// layouts.
LifeLevel GenerateLifeLevel(const LifeTask& task, std::mt19937_64& rng);

}  // namespace advlab::envs::life
