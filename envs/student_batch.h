#pragma once
// B student worlds stepped together (the protagonist's or antagonist's view
// of the maze). Contract, as in envpool:
//
//   actions[B] -> Step -> per world: turn / move, reward, done, auto-reset
//              -> observations[B,3,5,5], directions[B], rewards[B], dones[B]
//
// * Buffers belong to the caller (so LibTorch can wrap them with from_blob)
//   and are written in place; Step allocates nothing.
// * The observation is MiniGrid's egocentric 5x5 view, channel-first
//   [object, colour, state][row][column], row 0 farthest ahead, the agent at
//   row 4 column 2 facing up; walls are see-through (no occlusion) and cells
//   beyond the grid read as walls, as in the reference.
// * Reward on entering the goal: 1 - 0.9 * steps / max_steps, counting the
//   entering step; otherwise 0. An episode ends at the goal or after
//   max_steps; the world then restarts the agent on the same level and the
//   observation returned is the new episode's first.
// * Actions 0 left, 1 right, 2 forward; 3..6 (the reference's pickup, drop,
//   toggle, done) only spend a step.
#include <cstdint>

#include "envs/level_batch.h"

namespace advlab::envs {

struct StudentBuffers {
  float* observations = nullptr;  // [B, 3, 5, 5]
  int32_t* directions = nullptr;  // [B]
  float* rewards = nullptr;       // [B]
  uint8_t* dones = nullptr;       // [B]
  // Where done: the finished episode's return and length.
  float* episode_returns = nullptr;    // [B], optional
  int32_t* episode_lengths = nullptr;  // [B], optional
};

class StudentBatch {
 public:
  // `levels` must outlive the batch. Batches of at least `parallel_from`
  // worlds are stepped in TBB chunks.
  StudentBatch(const LevelBatch* levels, StudentBuffers buffers, int parallel_from = 512);

  int size() const { return levels_->count(); }
  // Every agent to its level's start; writes the observations.
  void ResetAll();
  // One world's agent to its start (the level is kept).
  void ResetAgent(int i);
  void Step(const int32_t* actions);

  // State, for tests and renderers.
  Cell position(int i) const { return {x_[i], y_[i]}; }
  int direction(int i) const { return dir_[i]; }
  int steps(int i) const { return steps_[i]; }

 private:
  void StepRange(const int32_t* actions, int begin, int end);
  void WriteObservation(int i) const;

  const LevelBatch* levels_;
  StudentBuffers buffers_;
  int parallel_from_;
  std::vector<int32_t> x_, y_, dir_, steps_;
  std::vector<float> returns_;
};

}  // namespace advlab::envs
