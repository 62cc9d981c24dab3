#pragma once
// AUP's auxiliary rewards in the variant the paper reports, AUP_proj
// (Turner et al. 2020; side_effects.md section 6): a fixed random linear
// functional of the downsampled frame, weights drawn U(0,1) once per reward.
// Here the frame is downsampled to one pixel per cell (the cell's luminance
// in SafeLife's colours on a black background), and each reward is measured
// from the level's start board:
//   R_aux_i(s) = sum_c w_ic (lum(s_c) - lum(s0_c))
// The offset sum_c w_ic lum(s0_c) is a constant of the level; without it the
// returns of a 12x12 board sit near 400 and PPO's clipped value loss (0.2 per
// update) takes thousands of updates to reach them. Differences between
// actions' Q values, all that AUP's penalty uses, keep their meaning.
#include <cstdint>
#include <vector>

#include "envs/life_board.h"

namespace advlab::side_effects {

// 0.299 R + 0.587 G + 0.114 B of the cell's colour as SafeLife draws it
// (empty black, walls and trees dim, life bright, the agent brightest).
double CellLuminance(envs::life::Cell cell);

class AuxiliaryRewards {
 public:
  // `count` rewards over width x height boards, weights from `seed`.
  AuxiliaryRewards(int count, int width, int height, uint64_t seed);
  int count() const { return count_; }
  // out[i] = R_aux_i(board) for i < count(); both boards of this size.
  void Evaluate(const envs::life::Board& board, const envs::life::Board& start, float* out) const;
  const std::vector<float>& weights() const { return weights_; }  // count x cells

 private:
  int count_, cells_;
  std::vector<float> weights_;
};

}  // namespace advlab::side_effects
