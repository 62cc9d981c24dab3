#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "envs/generators.h"
#include "paired/level_buffer.h"
#include "paired/level_editor.h"

using namespace advlab;
using namespace advlab::paired;

TEST_CASE("ACCEL edits keep every level valid", "[level_editor]") {
  std::mt19937_64 rng(11);
  envs::DomainRandomizationSettings dr;
  dr.walls = 60;
  for (int trial = 0; trial < 500; ++trial) {
    envs::Level parent = envs::DomainRandomization(dr, rng);
    envs::Level child = EditLevel(parent, 1 + trial % 20, rng);
    INFO("trial " << trial);
    REQUIRE(child.width == parent.width);
    REQUIRE(child.height == parent.height);
    CHECK(child.direction == parent.direction);  // the agent keeps its direction
    auto interior = [&](envs::Cell c) {
      return c.x > 0 && c.y > 0 && c.x < child.width - 1 && c.y < child.height - 1;
    };
    CHECK(interior(child.agent));
    CHECK(interior(child.goal));
    CHECK(child.agent != child.goal);
    CHECK_FALSE(child.Wall(child.agent.x, child.agent.y));
    CHECK_FALSE(child.Wall(child.goal.x, child.goal.y));
    for (int x = 0; x < child.width; ++x) {  // the border stays
      CHECK(child.Wall(x, 0));
      CHECK(child.Wall(x, child.height - 1));
    }
    int changed = 0;
    for (size_t i = 0; i < child.walls.size(); ++i) changed += child.walls[i] != parent.walls[i];
    CHECK(changed <= 1 + trial % 20);
  }
}

TEST_CASE("ACCEL edits are deterministic per seed", "[level_editor]") {
  envs::Level room = envs::Level::Empty(15, 15);
  room.agent = {1, 1};
  room.goal = {13, 13};
  std::mt19937_64 a(42), b(42), c(43);
  std::string first = LevelKey(EditLevel(room, 5, a));
  CHECK(first == LevelKey(EditLevel(room, 5, b)));
  bool differs = false;
  for (int i = 0; i < 5 && !differs; ++i) differs = LevelKey(EditLevel(room, 5, c)) != first;
  CHECK(differs);
}

TEST_CASE("parents are the levels with the lowest return minus learnability", "[level_editor]") {
  // e = return - clamp(|A|, 0, 1): 0.9-0.1, 0.2-0.5, 0.5-1 (clamped), 0.1-0, 0.4-0.2
  //   = 0.8, -0.3, -0.5, 0.1, 0.2
  const std::vector<double> returns = {0.9, 0.2, 0.5, 0.1, 0.4};
  const std::vector<double> abs_adv = {0.1, 0.5, 2.0, 0.0, 0.2};
  CHECK(ChooseEditParents(returns, abs_adv, 3) == std::vector<int>{2, 1, 3});
  // Not all from the first level (dcd PR #12's argsort bug).
  CHECK(ChooseEditParents(returns, abs_adv, 10).size() == 5);
  // A non-finite value goes last instead of breaking the sort.
  std::vector<double> with_nan = abs_adv;
  with_nan[2] = NAN;
  CHECK(ChooseEditParents(returns, with_nan, 5).back() == 2);
}
