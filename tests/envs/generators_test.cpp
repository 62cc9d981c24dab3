#include "envs/generators.h"

#include <catch2/catch.hpp>
#include <set>

#include "core/error.h"
#include "envs/level_metrics.h"
#include "envs/level_text.h"

using namespace advlab::envs;

TEST_CASE("every generator is deterministic per seed", "[generators]") {
  for (const std::string& name : GeneratorNames()) {
    INFO(name);
    std::mt19937_64 a(5), b(5), c(6);
    std::string first = FormatLevel(MakeGenerated(name, a));
    CHECK(first == FormatLevel(MakeGenerated(name, b)));
    CHECK(first != FormatLevel(MakeGenerated(name, c)));
  }
  std::mt19937_64 rng(1);
  CHECK_THROWS_AS(MakeGenerated("mazes_of_menace", rng), advlab::InputError);
}

TEST_CASE("domain randomization places K distinct walls away from agent and goal", "[generators]") {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 50; ++i) {
    Level level = MakeGenerated("dr", rng, 25);
    CHECK(level.width == 15);
    CHECK(level.max_steps == 250);
    CHECK(ComputeMetrics(level).walls == 25);
    CHECK(level.agent != level.goal);
    CHECK_FALSE(level.Wall(level.agent.x, level.agent.y));
    CHECK_FALSE(level.Wall(level.goal.x, level.goal.y));
  }
  std::set<int> counts;
  for (int i = 0; i < 300; ++i)
    counts.insert(ComputeMetrics(MakeGenerated("dr_uniform", rng, 10)).walls);
  CHECK(*counts.begin() == 0);
  CHECK(*counts.rbegin() == 10);
}

TEST_CASE("PerfectMaze has exactly one path between any two open cells", "[generators]") {
  for (int size : {11, 21, 51}) {
    std::mt19937_64 rng(size);
    Level level = PerfectMaze(rng, size);
    // A connected graph with open - 1 edges is a tree: one path between any two cells.
    int open = 0, edges = 0;
    Cell first;
    for (int y = 1; y < size - 1; ++y) {
      for (int x = 1; x < size - 1; ++x) {
        if (level.Wall(x, y)) continue;
        ++open;
        if (!first.Valid()) first = {x, y};
        edges += !level.Wall(x + 1, y);
        edges += !level.Wall(x, y + 1);
      }
    }
    std::vector<int> distances;
    BfsDistances(level, first, &distances);
    int reached = 0;
    for (int d : distances) reached += d >= 0;
    INFO("size " << size);
    CHECK(reached == open);
    CHECK(edges == open - 1);
    // Agent and goal on two distinct interior corners.
    auto corner = [&](Cell c) {
      return (c.x == 1 || c.x == size - 2) && (c.y == 1 || c.y == size - 2);
    };
    CHECK(corner(level.agent));
    CHECK(corner(level.goal));
    CHECK(level.agent != level.goal);
    CHECK(level.max_steps == 2 * size * size);
  }
}

TEST_CASE("SimpleCrossing is always solvable, with five rivers", "[generators]") {
  std::mt19937_64 rng(9);
  for (int i = 0; i < 100; ++i) {
    Level level = SimpleCrossing(rng);
    CHECK(level.width == 11);
    CHECK(level.agent == Cell{1, 1});
    CHECK(level.goal == Cell{9, 9});
    CHECK(level.max_steps == 484);
    CHECK(ComputeMetrics(level).passable);
  }
}

TEST_CASE("FourRooms has four doors and a 100-step limit", "[generators]") {
  std::mt19937_64 rng(2);
  for (int i = 0; i < 50; ++i) {
    Level level = FourRooms(rng);
    CHECK(level.width == 19);
    CHECK(level.max_steps == 100);
    int doors = 0;
    for (int k = 1; k < 18; ++k) {
      if (k == 9) continue;
      doors += !level.Wall(9, k);
      doors += !level.Wall(k, 9);
    }
    CHECK(doors == 4);
    CHECK(ComputeMetrics(level).passable);
  }
}
