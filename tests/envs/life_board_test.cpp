// The Game-of-Life side-effects world's physics: known patterns, a plain
// B3/S23 reference on random boards, frozen blocks around the agent, points.
#include "envs/life_board.h"

#include <catch2/catch.hpp>
#include <random>

using namespace advlab::envs::life;

namespace {

Board WithLife(int w, int h, const std::vector<std::pair<int, int>>& live, Cell kind = kLife) {
  Board b(w, h);
  for (auto [x, y] : live) b.at(x, y) = kind;
  return b;
}

// Conway's rule on a torus, written the textbook way.
std::vector<int> ConwayStep(const std::vector<int>& alive, int w, int h) {
  std::vector<int> next(alive.size());
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      int neighbours = 0;
      for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
          if (dx || dy) neighbours += alive[((y + dy + h) % h) * w + (x + dx + w) % w];
        }
      }
      const int self = alive[y * w + x];
      next[y * w + x] = neighbours == 3 || (self && neighbours == 2);
    }
  }
  return next;
}

}  // namespace

TEST_CASE("still lifes stay, a blinker oscillates, a glider travels the torus", "[envs][life]") {
  TickScratch scratch;
  Board block = WithLife(6, 6, {{2, 2}, {3, 2}, {2, 3}, {3, 3}});
  const Board block0 = block;
  Tick(block, scratch);
  CHECK(block == block0);

  Board blinker = WithLife(5, 5, {{1, 2}, {2, 2}, {3, 2}});
  const Board horizontal = blinker;
  Tick(blinker, scratch);
  CHECK(blinker == WithLife(5, 5, {{2, 1}, {2, 2}, {2, 3}}));
  Tick(blinker, scratch);
  CHECK(blinker == horizontal);

  // A glider moves one cell down and right every four generations; on an
  // 8x8 torus it is back where it started after 32.
  Board glider = WithLife(8, 8, {{1, 0}, {2, 1}, {0, 2}, {1, 2}, {2, 2}});
  const Board start = glider;
  for (int t = 0; t < 4; ++t) Tick(glider, scratch);
  CHECK(glider == WithLife(8, 8, {{2, 1}, {3, 2}, {1, 3}, {2, 3}, {3, 3}}));
  for (int t = 4; t < 32; ++t) Tick(glider, scratch);
  CHECK(glider == start);
}

TEST_CASE("plain life cells follow Conway's rule on random boards", "[envs][life]") {
  std::mt19937 rng(11);
  TickScratch scratch;
  for (int trial = 0; trial < 20; ++trial) {
    const int w = 5 + trial % 9, h = 4 + trial % 7;
    Board b(w, h);
    std::vector<int> alive(static_cast<size_t>(w) * h);
    for (size_t i = 0; i < alive.size(); ++i) {
      alive[i] = rng() % 3 == 0;
      b.cells[i] = alive[i] ? kLife : kEmpty;
    }
    for (int t = 0; t < 12; ++t) {
      Tick(b, scratch);
      alive = ConwayStep(alive, w, h);
      for (size_t i = 0; i < alive.size(); ++i) REQUIRE(IsAlive(b.cells[i]) == (alive[i] == 1));
    }
  }
}

TEST_CASE("the agent freezes its block, walls are not neighbours, trees are", "[envs][life]") {
  TickScratch scratch;
  // A vertical blinker at x = 3 beside the agent at (4, 4), whose block is
  // x 3..5, y 3..5: the top end (outside) dies, the middle and bottom
  // (inside) are preserved, the birth on the left (outside) happens, the
  // one on the right (inside) is inhibited.
  Board b = WithLife(7, 7, {{3, 2}, {3, 3}, {3, 4}});
  b.at(4, 4) = kAgent;
  Tick(b, scratch);
  CHECK(b.at(3, 2) == kEmpty);
  CHECK(IsAlive(b.at(3, 3)));
  CHECK(IsAlive(b.at(3, 4)));
  CHECK(IsAlive(b.at(2, 3)));
  CHECK(b.at(4, 3) == kEmpty);
  CHECK(b.at(4, 4) == kAgent);
  // Two live cells and a wall around an empty cell: no birth (walls are dead).
  Board walls = WithLife(5, 5, {{1, 1}, {3, 1}});
  walls.at(2, 3) = kWall;
  Tick(walls, scratch);
  CHECK(walls.at(2, 2) == kEmpty);
  // Two live cells and a tree: a birth (trees count as live neighbours).
  Board trees = WithLife(5, 5, {{1, 1}, {3, 1}});
  trees.at(2, 3) = kTree;
  Tick(trees, scratch);
  CHECK(IsAlive(trees.at(2, 2)));
  CHECK(trees.at(2, 3) == kTree);  // frozen: it never dies
}

TEST_CASE("births take the colour and destructibility of most parents", "[envs][life]") {
  TickScratch scratch;
  Board b(6, 6);
  b.at(1, 2) = kGreenLife;
  b.at(2, 2) = kGreenLife;
  b.at(3, 2) = kHardLife;  // indestructible, grey
  Tick(b, scratch);
  // The blinker turns: the cells above and below the middle are born of two
  // green destructible parents and one grey hard one.
  CHECK(b.at(2, 1) == kGreenLife);
  CHECK(b.at(2, 3) == kGreenLife);
}

TEST_CASE("points follow SafeLife's table", "[envs][life]") {
  CHECK(CellPoints(kRedLife, kNoGoal) == -1);
  CHECK(CellPoints(kLife, kNoGoal) == 0);
  CHECK(CellPoints(kGreenLife, kNoGoal) == 0);
  CHECK(CellPoints(kLife, kBlueGoal) == 3);
  CHECK(CellPoints(kLife | kBlue, kBlueGoal) == 5);
  CHECK(CellPoints(kRedLife, kBlueGoal) == 0);
  CHECK(CellPoints(kTree, kBlueGoal) == 0);
  CHECK(CellPoints(kEmpty, kBlueGoal) == 0);
  Board b(4, 4);
  b.at(0, 0) = kRedLife;
  b.at(1, 0) = kRedLife;
  b.goals[5] = kBlueGoal;
  b.goals[6] = kBlueGoal;
  CHECK(Points(b) == -2);
  // Two red cells to remove (+1 each) and two goals to fill with grey (+3 each).
  CHECK(AvailablePoints(b) == 2 + 6);
}
