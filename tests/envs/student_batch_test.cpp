#include "envs/student_batch.h"

#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <vector>

#include "envs/level_text.h"

using namespace advlab::envs;

namespace {

// A 7x7 level: agent at (3,3), a wall two cells north of it, the goal two
// cells east. Distinct features in every direction make the view testable.
Level TestLevel() {
  return ParseLevel(
      "max_steps: 10\n"
      "#######\n"
      "#..#..#\n"
      "#.....#\n"
      "#..A.G#\n"
      "#.....#\n"
      "#.....#\n"
      "#######\n",
      "test");
}

struct World {
  explicit World(const Level& level, int count = 1)
      : levels(count, level.width, level.height),
        observations(count * kViewFloats),
        directions(count),
        rewards(count),
        dones(count),
        returns(count),
        lengths(count) {
    for (int i = 0; i < count; ++i) levels.Set(i, level);
    batch = std::make_unique<StudentBatch>(
        &levels, StudentBuffers{observations.data(), directions.data(), rewards.data(),
                                dones.data(), returns.data(), lengths.data()});
    batch->ResetAll();
  }
  void Step(int action) {
    std::vector<int32_t> actions(levels.count(), action);
    batch->Step(actions.data());
  }
  // (object, colour) at view row/column of world i.
  std::pair<float, float> View(int row, int column, int i = 0) const {
    const float* obs = observations.data() + i * kViewFloats;
    int k = row * kViewSize + column;
    return {obs[k], obs[kViewSize * kViewSize + k]};
  }

  LevelBatch levels;
  std::vector<float> observations;
  std::vector<int32_t> directions;
  std::vector<float> rewards;
  std::vector<uint8_t> dones;
  std::vector<float> returns;
  std::vector<int32_t> lengths;
  std::unique_ptr<StudentBatch> batch;
};

Level WithAgent(Level level, int x, int y, int direction) {
  level.agent = {x, y};
  level.direction = direction;
  return level;
}

constexpr std::pair<float, float> kWallCode{2, 5}, kGoalCode{8, 1}, kEmptyCode{1, 0};

}  // namespace

TEST_CASE("turning changes only the direction", "[student]") {
  Level level = TestLevel();
  level.goal = {1, 5};
  World world(WithAgent(level, 3, 3, kEast));
  world.Step(kLeft);
  CHECK(world.batch->direction(0) == kNorth);
  CHECK(world.directions[0] == kNorth);
  world.Step(kRight);
  world.Step(kRight);
  CHECK(world.batch->direction(0) == kSouth);
  CHECK(world.batch->position(0) == Cell{3, 3});
  CHECK(world.rewards[0] == 0);
}

TEST_CASE("walls block forward moves", "[student]") {
  Level level = TestLevel();
  level.goal = {1, 5};
  World world(WithAgent(level, 3, 3, kNorth));
  world.Step(kForward);
  CHECK(world.batch->position(0) == Cell{3, 2});
  world.Step(kForward);  // (3,1) is a wall
  CHECK(world.batch->position(0) == Cell{3, 2});
  CHECK(world.batch->steps(0) == 2);
  world.Step(kLeft);
  world.Step(kForward);
  CHECK(world.batch->position(0) == Cell{2, 2});
}

TEST_CASE("entering the goal pays 1 - 0.9 t / T and restarts the same level", "[student]") {
  World goal_world(TestLevel());  // agent (3,3) facing east, goal (5,3)
  goal_world.Step(kForward);
  CHECK(goal_world.dones[0] == 0);
  goal_world.Step(kForward);  // the second step enters the goal
  CHECK(goal_world.dones[0] == 1);
  CHECK(goal_world.rewards[0] == Approx(1 - 0.9 * 2 / 10.0));
  CHECK(goal_world.returns[0] == Approx(1 - 0.9 * 2 / 10.0));
  CHECK(goal_world.lengths[0] == 2);
  // Auto-reset: back at the start of the same level, the observation fresh.
  CHECK(goal_world.batch->position(0) == Cell{3, 3});
  CHECK(goal_world.batch->steps(0) == 0);
  CHECK(goal_world.View(2, 2) == kGoalCode);
}

TEST_CASE("episodes end at max_steps with no reward", "[student]") {
  Level level = TestLevel();
  level.goal = {1, 5};
  World world(WithAgent(level, 3, 3, kEast));
  for (int t = 1; t < 10; ++t) {
    world.Step(kLeft);
    CHECK(world.dones[0] == 0);
  }
  world.Step(kLeft);
  CHECK(world.dones[0] == 1);
  CHECK(world.rewards[0] == 0);
  CHECK(world.lengths[0] == 10);
  CHECK(world.batch->direction(0) == kEast);  // reset to the start direction
}

TEST_CASE("the reference's extra actions 3..6 only spend a step", "[student]") {
  Level level = TestLevel();
  level.goal = {1, 5};
  World world(WithAgent(level, 3, 3, kEast));
  for (int action = 3; action < 7; ++action) world.Step(action);
  CHECK(world.batch->position(0) == Cell{3, 3});
  CHECK(world.batch->direction(0) == kEast);
  CHECK(world.batch->steps(0) == 4);
  CHECK_THROWS_AS(world.Step(7), std::out_of_range);
}

TEST_CASE("the egocentric view in all four directions", "[student]") {
  Level level = TestLevel();
  level.goal = {5, 3};
  // Agent's own cell is empty; row 4 column 2 in every direction.
  SECTION("east: goal two ahead, wall two to the left, beyond the grid reads as wall") {
    World world(WithAgent(level, 3, 3, kEast));
    CHECK(world.View(4, 2) == kEmptyCode);
    CHECK(world.View(2, 2) == kGoalCode);
    CHECK(world.View(4, 0) == kWallCode);
    CHECK(world.View(1, 2) == kWallCode);  // the east border (x = 6)
    CHECK(world.View(0, 2) == kWallCode);  // x = 7: outside the grid
    CHECK(world.View(3, 2) == kEmptyCode);
    CHECK(world.directions[0] == kEast);
  }
  SECTION("north: wall two ahead, goal two to the right") {
    World world(WithAgent(level, 3, 3, kNorth));
    CHECK(world.View(2, 2) == kWallCode);
    CHECK(world.View(4, 4) == kGoalCode);
    CHECK(world.View(3, 2) == kEmptyCode);
  }
  SECTION("south: goal two to the left, wall behind and unseen") {
    World world(WithAgent(level, 3, 3, kSouth));
    CHECK(world.View(4, 0) == kGoalCode);
    CHECK(world.View(4, 4) == kEmptyCode);
    CHECK(world.View(1, 2) == kWallCode);  // the south border (y = 6)
  }
  SECTION("west: wall two to the right, goal behind and unseen") {
    World world(WithAgent(level, 3, 3, kWest));
    CHECK(world.View(4, 4) == kWallCode);
    CHECK(world.View(4, 0) == kEmptyCode);
    CHECK(world.View(3, 2) == kEmptyCode);  // (2,3)
    CHECK(world.View(1, 2) == kWallCode);   // the west border (x = 0)
  }
  SECTION("state channel is zero everywhere") {
    World world(WithAgent(level, 3, 3, kSouth));
    for (int k = 0; k < 25; ++k) CHECK(world.observations[50 + k] == 0);
  }
}

TEST_CASE("a batch stepped in TBB chunks equals one stepped serially", "[student]") {
  Level level = TestLevel();
  level.goal = {5, 5};
  const int count = 2048;
  World parallel(WithAgent(level, 3, 3, kEast), count);
  World serial(WithAgent(level, 3, 3, kEast), count);
  serial.batch = std::make_unique<StudentBatch>(
      &serial.levels,
      StudentBuffers{serial.observations.data(), serial.directions.data(), serial.rewards.data(),
                     serial.dones.data(), serial.returns.data(), serial.lengths.data()},
      /*parallel_from=*/1 << 30);
  serial.batch->ResetAll();
  uint32_t state = 12345;
  std::vector<int32_t> actions(count);
  for (int t = 0; t < 40; ++t) {
    for (int32_t& a : actions) {
      state = state * 1664525u + 1013904223u;
      a = static_cast<int32_t>((state >> 16) % 3);
    }
    parallel.batch->Step(actions.data());
    serial.batch->Step(actions.data());
  }
  CHECK(parallel.observations == serial.observations);
  CHECK(parallel.rewards == serial.rewards);
  CHECK(parallel.dones == serial.dones);
}
