#pragma once
// B levels of one size in structure-of-arrays form. The teacher writes its
// levels here and the students play them from here, so a finished design
// reaches the students without any grid being copied.
#include <cstdint>
#include <vector>

#include "envs/level.h"

namespace advlab::envs {

class LevelBatch {
 public:
  LevelBatch(int count, int width, int height);

  int count() const { return count_; }
  int width() const { return width_; }
  int height() const { return height_; }

  // Row-major walls of level i (1 = wall), border included.
  uint8_t* walls(int i) { return walls_.data() + static_cast<size_t>(i) * width_ * height_; }
  const uint8_t* walls(int i) const {
    return walls_.data() + static_cast<size_t>(i) * width_ * height_;
  }
  std::vector<Cell> agent, goal;
  std::vector<int32_t> direction, max_steps;

  void Set(int i, const Level& level);  // level must have this batch's size
  Level Get(int i) const;

 private:
  int count_, width_, height_;
  std::vector<uint8_t> walls_;
};

}  // namespace advlab::envs
