#include "envs/life_board.h"

#include <algorithm>

namespace advlab::envs::life {
namespace {

// out[i] = number of cells with flag set in the 3x3 block around i, from a
// 0/1 map: row sums then column sums, both wrapping.
void BlockSums(const Board& b, const std::vector<uint8_t>& in, std::vector<uint8_t>& rows,
               std::vector<uint8_t>& out) {
  const int w = b.width, h = b.height;
  rows.resize(in.size());
  out.resize(in.size());
  for (int y = 0; y < h; ++y) {
    const uint8_t* r = in.data() + static_cast<size_t>(y) * w;
    uint8_t* o = rows.data() + static_cast<size_t>(y) * w;
    for (int x = 0; x < w; ++x) {
      o[x] = static_cast<uint8_t>(r[(x + w - 1) % w] + r[x] + r[(x + 1) % w]);
    }
  }
  for (int y = 0; y < h; ++y) {
    const uint8_t* up = rows.data() + static_cast<size_t>((y + h - 1) % h) * w;
    const uint8_t* mid = rows.data() + static_cast<size_t>(y) * w;
    const uint8_t* down = rows.data() + static_cast<size_t>((y + 1) % h) * w;
    uint8_t* o = out.data() + static_cast<size_t>(y) * w;
    for (int x = 0; x < w; ++x) o[x] = static_cast<uint8_t>(up[x] + mid[x] + down[x]);
  }
}

}  // namespace

Board::Board(int width_, int height_)
    : width(width_),
      height(height_),
      cells(static_cast<size_t>(width_) * height_, kEmpty),
      goals(static_cast<size_t>(width_) * height_, kNoGoal) {}

void Tick(Board& board, TickScratch& s) {
  const size_t n = board.cells.size();
  s.flag.resize(n);
  // One 0/1 map per property, summed over each 3x3 block.
  auto sums = [&](std::vector<uint8_t>& out, auto has) {
    for (size_t i = 0; i < n; ++i) s.flag[i] = has(board.cells[i]) ? 1 : 0;
    BlockSums(board, s.flag, s.rows, out);
  };
  sums(s.live, [](Cell c) { return IsAlive(c); });
  sums(s.alive_destructible, [](Cell c) { return IsAlive(c) && (c & kDestructible); });
  sums(s.red, [](Cell c) { return IsAlive(c) && (c & kRed); });
  sums(s.green, [](Cell c) { return IsAlive(c) && (c & kGreen); });
  sums(s.blue, [](Cell c) { return IsAlive(c) && (c & kBlue); });
  sums(s.preserving, [](Cell c) { return (c & kPreserving) != 0; });
  sums(s.inhibiting, [](Cell c) { return (c & kInhibiting) != 0; });
  for (size_t i = 0; i < n; ++i) {
    Cell& c = board.cells[i];
    if (IsAlive(c)) {
      const bool survives =
          (c & kFrozen) || s.preserving[i] > 0 || s.live[i] == 3 || s.live[i] == 4;
      if (!survives) c = kEmpty;
    } else if (!(c & kFrozen) && s.inhibiting[i] == 0 && s.live[i] == 3) {
      Cell born = kAlive;
      if (s.alive_destructible[i] >= 2) born |= kDestructible;
      if (s.red[i] >= 2) born |= kRed;
      if (s.green[i] >= 2) born |= kGreen;
      if (s.blue[i] >= 2) born |= kBlue;
      c = born;
    }
  }
}

double CellPoints(Cell cell, Cell goal) {
  if (!IsAlive(cell)) return 0;
  if ((cell & kFrozen) && !(cell & (kPushable | kDestructible))) return 0;  // trees
  const Cell colour = cell & kColourBits;
  if (goal == kBlueGoal) {
    if (colour == kBlue) return 5;
    const bool counts =
        colour == 0 || colour == kGreen || colour == (kGreen | kBlue) || colour == (kRed | kBlue);
    return counts ? 3 : 0;
  }
  if (goal == kNoGoal && colour == kRed) return -1;
  return 0;
}

double Points(const Board& board) {
  double total = 0;
  for (size_t i = 0; i < board.cells.size(); ++i)
    total += CellPoints(board.cells[i], board.goals[i]);
  return total;
}

double AvailablePoints(const Board& start) {
  std::vector<Cell> colours = {kLife};  // grey: the agent's own
  for (Cell c : start.cells) {
    if (!IsAlive(c) || (c & kFrozen)) continue;
    const Cell colour = static_cast<Cell>(kLife | (c & kColourBits));
    if (std::find(colours.begin(), colours.end(), colour) == colours.end())
      colours.push_back(colour);
  }
  double best_total = 0;
  for (Cell goal : start.goals) {
    double best = -1e9;
    for (Cell colour : colours) best = std::max(best, CellPoints(colour, goal));
    best_total += std::max(best, 0.0);
  }
  return best_total - Points(start);
}

}  // namespace advlab::envs::life
