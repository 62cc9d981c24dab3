#include "envs/student_batch.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <stdexcept>
#include <string>

namespace advlab::envs {

StudentBatch::StudentBatch(const LevelBatch* levels, StudentBuffers buffers, int parallel_from)
    : levels_(levels),
      buffers_(buffers),
      parallel_from_(parallel_from),
      x_(levels->count()),
      y_(levels->count()),
      dir_(levels->count()),
      steps_(levels->count()),
      returns_(levels->count()) {}

void StudentBatch::ResetAgent(int i) {
  x_[i] = levels_->agent[i].x;
  y_[i] = levels_->agent[i].y;
  dir_[i] = levels_->direction[i];
  steps_[i] = 0;
  returns_[i] = 0;
  WriteObservation(i);
}

void StudentBatch::ResetAll() {
  for (int i = 0; i < size(); ++i) {
    ResetAgent(i);
    buffers_.rewards[i] = 0;
    buffers_.dones[i] = 0;
  }
}

void StudentBatch::WriteObservation(int i) const {
  using namespace minigrid;
  const int width = levels_->width(), height = levels_->height();
  const uint8_t* walls = levels_->walls(i);
  const Cell goal = levels_->goal[i];
  const int d = dir_[i];
  // View cell (row, column) lies `ahead` cells in front of the agent and
  // `side` cells to its right.
  const int fx = kDx[d], fy = kDy[d];
  const int rx = kDx[(d + 1) & 3], ry = kDy[(d + 1) & 3];
  constexpr int kPlane = kViewSize * kViewSize;
  float* object = buffers_.observations + static_cast<size_t>(i) * kViewFloats;
  float* colour = object + kPlane;
  float* state = colour + kPlane;
  // Codes per cell kind: 0 floor, 1 wall (or beyond the grid), 2 goal.
  static constexpr float kObjectOf[3] = {kObjectEmpty, kObjectWall, kObjectGoal};
  static constexpr float kColourOf[3] = {0, kColourGrey, kColourGreen};
  const int goal_index = goal.y * width + goal.x;
  for (int row = 0; row < kViewSize; ++row) {
    const int ahead = kViewSize - 1 - row;
    // World cell of the row's leftmost view cell; each column steps right.
    int wx = x_[i] + ahead * fx - (kViewSize / 2) * rx;
    int wy = y_[i] + ahead * fy - (kViewSize / 2) * ry;
    for (int column = 0; column < kViewSize; ++column, wx += rx, wy += ry) {
      const int k = row * kViewSize + column;
      // One unsigned compare per axis covers both "< 0" and ">= size".
      const bool inside = static_cast<unsigned>(wx) < static_cast<unsigned>(width) &&
                          static_cast<unsigned>(wy) < static_cast<unsigned>(height);
      const int index = wy * width + wx;
      const int kind = !inside || walls[index] ? 1 : (index == goal_index ? 2 : 0);
      object[k] = kObjectOf[kind];
      colour[k] = kColourOf[kind];
      state[k] = 0;
    }
  }
  buffers_.directions[i] = d;
}

void StudentBatch::StepRange(const int32_t* actions, int begin, int end) {
  const int width = levels_->width();
  for (int i = begin; i < end; ++i) {
    const int action = actions[i];
    if (action < 0 || action >= kNumReferenceActions) {
      throw std::out_of_range("StudentBatch::Step: action " + std::to_string(action) +
                              " for world " + std::to_string(i) + " is outside 0..6");
    }
    ++steps_[i];
    float reward = 0;
    bool done = false;
    if (action == kLeft) {
      dir_[i] = (dir_[i] + 3) & 3;
    } else if (action == kRight) {
      dir_[i] = (dir_[i] + 1) & 3;
    } else if (action == kForward) {
      const int nx = x_[i] + kDx[dir_[i]], ny = y_[i] + kDy[dir_[i]];
      if (!levels_->walls(i)[ny * width + nx]) {
        x_[i] = nx;
        y_[i] = ny;
        if (nx == levels_->goal[i].x && ny == levels_->goal[i].y) {
          reward = 1.0f - 0.9f * static_cast<float>(steps_[i]) / levels_->max_steps[i];
          done = true;
        }
      }
    }
    if (steps_[i] >= levels_->max_steps[i]) done = true;
    returns_[i] += reward;
    buffers_.rewards[i] = reward;
    buffers_.dones[i] = done;
    if (done) {
      if (buffers_.episode_returns) buffers_.episode_returns[i] = returns_[i];
      if (buffers_.episode_lengths) buffers_.episode_lengths[i] = steps_[i];
      ResetAgent(i);  // writes the next episode's first observation
    } else {
      WriteObservation(i);
    }
  }
}

void StudentBatch::Step(const int32_t* actions) {
  if (size() < parallel_from_) {
    StepRange(actions, 0, size());
    return;
  }
  tbb::parallel_for(tbb::blocked_range<int>(0, size(), 256), [&](const tbb::blocked_range<int>& r) {
    StepRange(actions, r.begin(), r.end());
  });
}

}  // namespace advlab::envs
