#include "envs/life_batch.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace advlab::envs::life {
namespace {

constexpr int kDx[] = {0, 1, 0, -1};
constexpr int kDy[] = {-1, 0, 1, 0};

}  // namespace

LifeBatch::LifeBatch(int count) : worlds_(static_cast<size_t>(count)) {}

void LifeBatch::Reset(int i, const LifeLevel& level) {
  World& w = worlds_[static_cast<size_t>(i)];
  w.level = level;
  w.last = LifeEpisode{};
  Restart(w);
}

void LifeBatch::Restart(World& w) {
  w.board = w.level.board;
  w.x = w.level.agent_x;
  w.y = w.level.agent_y;
  w.facing = 0;
  w.steps = 0;
  w.start_points = w.points = Points(w.board);
  // SafeLife: the exit opens once the points earned reach
  // ceil(min_performance * available).
  w.required = std::ceil(w.level.min_performance * AvailablePoints(w.board));
  w.exit_open = w.required <= 0;
  w.episode_reward = 0;
}

LifeWorldState LifeBatch::Snapshot(int i) const {
  const World& w = worlds_[static_cast<size_t>(i)];
  return {w.board.cells, w.x, w.y, w.facing, w.steps, w.points, w.episode_reward, w.exit_open};
}

void LifeBatch::Restore(int i, const LifeWorldState& state) {
  World& w = worlds_[static_cast<size_t>(i)];
  const bool inside =
      state.x >= 0 && state.x < w.board.width && state.y >= 0 && state.y < w.board.height;
  if (state.cells.size() != w.board.cells.size() || !inside ||
      state.cells[static_cast<size_t>(w.board.Index(state.x, state.y))] != kAgent ||
      state.facing < 0 || state.facing > 3 || state.steps < 0 || state.steps >= w.level.max_steps) {
    throw std::invalid_argument("a world state that does not fit level '" + w.level.name + "'");
  }
  w.board.cells = state.cells;
  w.x = state.x;
  w.y = state.y;
  w.facing = state.facing;
  w.steps = state.steps;
  w.points = state.points;
  w.episode_reward = state.episode_reward;
  w.exit_open = state.exit_open;
}

void LifeBatch::StepWorld(World& w, int action, float* reward, uint8_t* done) {
  bool exited = false;
  if (action > 0 && action < kActions) {
    w.facing = (action - 1) % 4;
    const int tx = w.x + kDx[w.facing], ty = w.y + kDy[w.facing];
    Cell& target = w.board.at(tx, ty);
    if (action <= 4) {
      if (target == kEmpty) {
        w.board.at(w.x, w.y) = kEmpty;
        target = kAgent;
        w.x = w.board.Index(tx, ty) % w.board.width;
        w.y = w.board.Index(tx, ty) / w.board.width;
      } else if ((target & kExitFlag) && w.exit_open) {
        exited = true;
      }
    } else if (target == kEmpty) {
      target = kLife;
    } else if ((target & kDestructible) && !(target & kAgentFlag)) {
      target = kEmpty;
    }
  }
  Tick(w.board, w.scratch);
  const double points = Points(w.board);
  double r = points - w.points + (exited ? 1.0 : 0.0);
  w.points = points;
  w.exit_open = w.exit_open || points - w.start_points >= w.required;
  ++w.steps;
  w.episode_reward += r;
  *reward = static_cast<float>(r);
  *done = 0;
  if (exited || w.steps >= w.level.max_steps) {
    w.last.points = w.episode_reward;
    w.last.length = w.steps;
    w.last.exited = exited;
    w.last.exit_open = w.exit_open;
    w.last.start = w.level.board;
    w.last.final_board = w.board;
    *done = 1;
    Restart(w);
  }
}

void LifeBatch::Step(const int32_t* actions, float* rewards, uint8_t* done) {
  const int n = count();
  auto step = [&](int i) {
    StepWorld(worlds_[static_cast<size_t>(i)], actions[i], rewards + i, done + i);
  };
  if (n >= 32) {
    tbb::parallel_for(0, n, step);
  } else {
    for (int i = 0; i < n; ++i) step(i);
  }
}

void LifeBatch::Observe(int view, float* out) const {
  const int half = view / 2;
  const size_t plane = static_cast<size_t>(view) * view;
  auto observe = [&](int i) {
    const World& w = worlds_[static_cast<size_t>(i)];
    float* o = out + static_cast<size_t>(i) * kPlanes * plane;
    std::fill(o, o + kPlanes * plane, 0.0f);
    for (int dy = -half; dy <= half; ++dy) {
      for (int dx = -half; dx <= half; ++dx) {
        const int index = w.board.Index(w.x + dx, w.y + dy);
        const Cell c = w.board.cells[static_cast<size_t>(index)];
        const Cell goal = w.board.goals[static_cast<size_t>(index)];
        const size_t at = static_cast<size_t>(dy + half) * view + (dx + half);
        o[kPlaneAlive * plane + at] = IsAlive(c) ? 1.0f : 0.0f;
        o[kPlaneAgent * plane + at] = (c & kAgentFlag) ? 1.0f : 0.0f;
        o[kPlaneDestructible * plane + at] = (c & kDestructible) ? 1.0f : 0.0f;
        o[kPlaneFrozen * plane + at] = (c & kFrozen) ? 1.0f : 0.0f;
        o[kPlaneExit * plane + at] = (c & kExitFlag) ? (w.exit_open ? 1.0f : 0.5f) : 0.0f;
        o[kPlaneRed * plane + at] = (c & kRed) ? 1.0f : 0.0f;
        o[kPlaneGreen * plane + at] = (c & kGreen) ? 1.0f : 0.0f;
        o[kPlaneBlueGoal * plane + at] = goal == kBlueGoal ? 1.0f : 0.0f;
      }
    }
  };
  if (count() >= 32) {
    tbb::parallel_for(0, count(), observe);
  } else {
    for (int i = 0; i < count(); ++i) observe(i);
  }
}

}  // namespace advlab::envs::life
