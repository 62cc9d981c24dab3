#pragma once
// The Game-of-Life side-effects world's board: a torus of cells (life_cells.h)
// with a goal layer, advanced by SafeLife's rule (side_effects.md section 2):
// for each cell, n counts the live cells in its 3x3 block, itself included.
//   live cell: survives if frozen, if any block cell is preserving, or if
//              n is 3 or 4 (2 or 3 neighbours: B3/S23); otherwise it empties
//   dead cell: unchanged if frozen or if any block cell is inhibiting;
//              otherwise born when n = 3, with each colour bit that at least
//              two of its parents carry, destructible when at least two
//              parents are
// Walls do not count as neighbours, trees do; the agent is preserving and
// inhibiting, so the block around it does not change. Spawners are not part
// of this world (SafeLife's spawning flag is ignored).
#include <cstdint>
#include <random>
#include <vector>

#include "envs/life_cells.h"

namespace advlab::envs::life {

struct Board {
  int width = 0, height = 0;
  std::vector<Cell> cells;  // row-major
  std::vector<Cell> goals;  // the colour each cell should hold (kNoGoal, kBlueGoal)

  Board() = default;
  Board(int width, int height);
  // Coordinates wrap around (the board is a torus).
  int Index(int x, int y) const {
    x %= width;
    y %= height;
    return (y < 0 ? y + height : y) * width + (x < 0 ? x + width : x);
  }
  Cell& at(int x, int y) { return cells[static_cast<size_t>(Index(x, y))]; }
  Cell at(int x, int y) const { return cells[static_cast<size_t>(Index(x, y))]; }
  bool operator==(const Board& other) const {
    return width == other.width && height == other.height && cells == other.cells &&
           goals == other.goals;
  }
};

// Reused between ticks so that stepping allocates nothing.
struct TickScratch {
  std::vector<uint8_t> flag, rows;                // a 0/1 map, its row sums
  std::vector<uint8_t> live, alive_destructible;  // 3x3 block counts
  std::vector<uint8_t> red, green, blue, preserving, inhibiting;
};

// One generation of the whole board.
void Tick(Board& board, TickScratch& scratch);

// SafeLife's score of a board (side_effects.md section 3): over live cells,
// skipping frozen ones that are neither pushable nor destructible (trees),
// the table entry for the cell's goal and colour: red life off-goal -1, grey
// or green life on a blue goal +3, blue on blue +5, anything else 0.
double Points(const Board& board);
double CellPoints(Cell cell, Cell goal);
// What the level offers beyond its starting points: each cell's best table
// entry among the colours present at the start (grey always: the agent makes
// grey life), minus the starting points. The exit opens once the agent has
// earned min_performance of it.
double AvailablePoints(const Board& start);

}  // namespace advlab::envs::life
