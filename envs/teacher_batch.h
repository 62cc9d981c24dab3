#pragma once
// B level-building worlds stepped together: the PAIRED teacher's MDP.
//
//   Reset -> empty levels (border only), t = 0
//   Step(actions[B]) -> each world places one thing at cell
//        x = a % (W-2) + 1, y = a / (W-2) + 1, then t += 1
//   after walls + 2 steps: Done(); the levels sit in the shared LevelBatch
//
// Placement order (reference default): goal at t = 0, agent at t = 1, walls
// after; with goal_last: walls first, goal at t = N, agent at t = N + 1.
// Conflicts as in google's and dcd's AdversarialEnv: a wall on an occupied
// cell (wall, goal or agent) does nothing; placing the goal or the agent
// clears a wall there; an agent placed on the goal goes to a random free
// cell. The agent's start direction is drawn at Reset (the teacher does not
// choose it) and shown in the image.
//
// Observation, written into caller-owned buffers:
//   images[B, 3, H, W]   full-grid MiniGrid encoding, channel-first
//   time_steps[B]        t
//   noise[B, noise_dim]  U(0,1), redrawn every step
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "envs/level_batch.h"

namespace advlab::envs {

struct TeacherSettings {
  int walls = 50;                    // N: 25, 50 or 60 in the literature
  bool goal_last = false;            // walls first, then goal, then agent
  int noise_dim = 50;                // dimension of the random vector
  int max_steps = kDefaultMaxSteps;  // student episode limit on built levels
};

struct TeacherBuffers {
  float* images = nullptr;        // [B, 3, H, W]
  int32_t* time_steps = nullptr;  // [B]
  float* noise = nullptr;         // [B, noise_dim]; may be null when noise_dim is 0
};

class TeacherBatch {
 public:
  // World i draws from StreamSeed(seed, "teacher_world", first_world + i):
  // a rank holding worlds [first_world, ...) of a larger batch draws what a
  // single process would for them.
  TeacherBatch(LevelBatch* levels, TeacherSettings settings, TeacherBuffers buffers, uint64_t seed,
               int first_world = 0);

  int size() const { return levels_->count(); }
  int episode_length() const { return settings_.walls + 2; }
  int num_actions() const { return (levels_->width() - 2) * (levels_->height() - 2); }
  int time_step() const { return t_; }
  bool Done() const { return t_ >= episode_length(); }

  void Reset();
  void Step(const int32_t* actions);

  // The per-world generators (noise, start directions, agent relocation), as
  // text, so a resumed run continues the same streams.
  std::string SaveRandomState() const;
  void LoadRandomState(const std::string& state);

  // What a step at time t places (exposed for tests and the teacher policy).
  enum class Placement { kGoal, kAgent, kWall };
  Placement PlacementAt(int t) const;

 private:
  void Place(int i, int action);
  void WriteObservation(int i);

  LevelBatch* levels_;
  TeacherSettings settings_;
  TeacherBuffers buffers_;
  std::vector<std::mt19937_64> rngs_;  // one per world: StreamSeed(seed, "teacher_world", index)
  int t_ = 0;
};

}  // namespace advlab::envs
