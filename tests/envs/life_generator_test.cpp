// Procedural Game-of-Life levels: seeded, non-interacting patterns, goals
// that become still lifes once filled, an exit far from the agent.
#include "envs/life_generator.h"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "envs/life_batch.h"

using namespace advlab::envs::life;

TEST_CASE("generated levels are seeded, stable without the agent and playable", "[envs][life]") {
  for (const char* name : {"append", "prune"}) {
    LifeTask task;
    task.task = name;
    for (uint64_t seed = 0; seed < 20; ++seed) {
      INFO(name << " seed " << seed);
      std::mt19937_64 a(seed), b(seed);
      const LifeLevel level = GenerateLifeLevel(task, a);
      REQUIRE(level == GenerateLifeLevel(task, b));
      // The text format carries it unchanged.
      REQUIRE(ParseLifeLevel(FormatLifeLevel(level), "generated") == level);
      // Still lifes and blinkers: period 1 or 2, so two generations restore it.
      Board board = level.board;
      TickScratch scratch;
      Tick(board, scratch);
      Tick(board, scratch);
      REQUIRE(board == level.board);
      int goals = 0, red = 0, green = 0;
      for (size_t i = 0; i < board.cells.size(); ++i) {
        goals += board.goals[i] == kBlueGoal;
        red += board.cells[i] == kRedLife;
        green += board.cells[i] == kGreenLife;
      }
      CHECK(green >= 3 * 3);  // three obstacles of at least 3 cells
      if (task.task == "append") {
        CHECK(goals >= 2 * 4);
        CHECK(red == 0);
        // Filled with grey life, the goals are still lifes: they persist.
        Board filled = level.board;
        for (size_t i = 0; i < filled.cells.size(); ++i) {
          if (filled.goals[i] == kBlueGoal) filled.cells[i] = kLife;
        }
        const Board before = filled;
        Tick(filled, scratch);
        Tick(filled, scratch);
        CHECK(filled == before);
        CHECK(Points(filled) - Points(level.board) == 3 * goals);
      } else {
        CHECK(goals == 0);
        CHECK(red >= 2 * 4);
        CHECK(AvailablePoints(level.board) == red);
      }
      // The exit starts closed: the task's points must be earned first.
      LifeBatch batch(1);
      batch.Reset(0, level);
      CHECK_FALSE(batch.exit_open(0));
    }
  }
}

TEST_CASE("a board too small for the patterns is refused", "[envs][life]") {
  LifeTask task;
  task.size = 6;
  task.obstacles = 8;
  std::mt19937_64 rng(1);
  CHECK_THROWS_AS(GenerateLifeLevel(task, rng), std::invalid_argument);
  task.size = 15;
  task.obstacles = 1;
  task.task = "sweep";
  CHECK_THROWS_AS(GenerateLifeLevel(task, rng), std::invalid_argument);
}
