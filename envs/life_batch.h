#pragma once
// B Game-of-Life worlds stepped together (side_effects.md section 3). Each
// step: the action (0 no-op; 1-4 move up, right, down, left; 5-8 toggle the
// cell up, right, down, left; any non-zero action turns the agent that way),
// then one generation of the board, then the exit's state, then the reward:
// the change in points (life_board.h), +1 for leaving by the open exit. An
// episode ends at the exit or after max_steps; the world then restarts on
// the same level, keeping the finished episode's final board and stats.
//
//   move    into an empty cell; onto the exit only when it is open
//   toggle  an empty cell becomes grey life; a destructible cell empties;
//           walls, trees, hard life and the exit do not change
#include <cstdint>
#include <random>
#include <vector>

#include "envs/life_board.h"
#include "envs/life_level.h"

namespace advlab::envs::life {

// Observation planes, channel-first: an agent-centred view of the torus.
enum Plane : int {
  kPlaneAlive,
  kPlaneAgent,
  kPlaneDestructible,
  kPlaneFrozen,
  kPlaneExit,
  kPlaneRed,
  kPlaneGreen,
  kPlaneBlueGoal,
  kPlanes
};

constexpr int kActions = 9;

// How far a world's episode has gone: restored after Reset(i, level) on the
// same level, the episode carries on exactly (checkpoints).
struct LifeWorldState {
  std::vector<Cell> cells;
  int x = 0, y = 0, facing = 0, steps = 0;
  double points = 0, episode_reward = 0;
  bool exit_open = false;
};

struct LifeEpisode {
  double points = 0;  // task reward: change in points plus the exit's
  int length = 0;
  bool exited = false;
  bool exit_open = false;    // at the end
  Board start, final_board;  // for the side-effect score
};

class LifeBatch {
 public:
  explicit LifeBatch(int count);

  int count() const { return static_cast<int>(worlds_.size()); }
  // Starts world i on `level` (kept: later episodes restart on it).
  void Reset(int i, const LifeLevel& level);
  // Steps every world; rewards[i] and done[i] (1 when world i's episode ended
  // and it restarted) for each. Worlds are independent: at batch sizes of 32
  // and up they are stepped in parallel.
  void Step(const int32_t* actions, float* rewards, uint8_t* done);
  // view x view crop centred on each agent (odd view), kPlanes planes each:
  // out holds count() * kPlanes * view * view floats.
  void Observe(int view, float* out) const;

  LifeWorldState Snapshot(int i) const;
  // Throws std::invalid_argument when the state does not fit world i's level.
  void Restore(int i, const LifeWorldState& state);

  const Board& board(int i) const { return worlds_[i].board; }
  bool exit_open(int i) const { return worlds_[i].exit_open; }
  int steps(int i) const { return worlds_[i].steps; }
  // The last finished episode of world i (empty start board before any).
  const LifeEpisode& last_episode(int i) const { return worlds_[i].last; }

 private:
  struct World {
    LifeLevel level;
    Board board;
    TickScratch scratch;
    int x = 0, y = 0, facing = 0;  // facing: 0 up, 1 right, 2 down, 3 left
    int steps = 0;
    double start_points = 0, required = 0, points = 0, episode_reward = 0;
    bool exit_open = false;
    LifeEpisode last;
  };
  static void StepWorld(World& w, int action, float* reward, uint8_t* done);
  static void Restart(World& w);
  std::vector<World> worlds_;
};

}  // namespace advlab::envs::life
