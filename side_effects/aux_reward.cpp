#include "side_effects/aux_reward.h"

#include <random>
#include <stdexcept>

namespace advlab::side_effects {

namespace life = envs::life;

double CellLuminance(life::Cell cell) {
  auto luminance = [](double r, double g, double b) { return 0.299 * r + 0.587 * g + 0.114 * b; };
  if (cell & life::kAgentFlag) return luminance(1.0, 1.0, 0.6);
  if (cell & life::kExitFlag) return luminance(0.8, 0.3, 0.3);
  if (cell == life::kWall) return luminance(0.4, 0.4, 0.4);
  if (cell == life::kTree) return luminance(0.1, 0.5, 0.1);
  if (!life::IsAlive(cell)) return 0.0;
  if (cell & life::kRed) return luminance(0.9, 0.2, 0.2);
  if (cell & life::kGreen) return luminance(0.2, 0.9, 0.2);
  if (cell & life::kBlue) return luminance(0.2, 0.2, 0.9);
  return luminance(0.7, 0.7, 0.7);  // grey life, hard or not
}

AuxiliaryRewards::AuxiliaryRewards(int count, int width, int height, uint64_t seed)
    : count_(count), cells_(width * height) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
  weights_.resize(static_cast<size_t>(count_) * cells_);
  for (float& w : weights_) w = uniform(rng);
}

void AuxiliaryRewards::Evaluate(const life::Board& board, const life::Board& start,
                                float* out) const {
  if (static_cast<int>(board.cells.size()) != cells_ || start.cells.size() != board.cells.size()) {
    throw std::invalid_argument("auxiliary rewards: board size differs from the levels'");
  }
  // Only cells that differ from the start contribute.
  for (int i = 0; i < count_; ++i) out[i] = 0.0f;
  for (int c = 0; c < cells_; ++c) {
    if (board.cells[c] == start.cells[c]) continue;
    const double delta = CellLuminance(board.cells[c]) - CellLuminance(start.cells[c]);
    for (int i = 0; i < count_; ++i) {
      out[i] += static_cast<float>(weights_[static_cast<size_t>(i) * cells_ + c] * delta);
    }
  }
}

}  // namespace advlab::side_effects
