// The Game-of-Life world's levels and batched stepping: the text format,
// moves, toggles, the exit and episode ends.
#include "envs/life_batch.h"

#include <catch2/catch.hpp>

#include "core/error.h"
#include "tests/temp_dir.h"

using namespace advlab::envs::life;
using Catch::Matchers::Contains;

namespace {

// An append task: two goal cells in a 2x2 block (a still life once full).
const char* kAppend = R"(name: append-test
min_performance: 1
max_steps: 50
#######
#A....#
#..++.#
#..**.#
#....X#
#######
)";

struct Stepper {
  LifeBatch batch{1};
  float reward = 0;
  uint8_t done = 0;
  double total = 0;
  void Do(int action) {
    const int32_t a = action;
    batch.Step(&a, &reward, &done);
    total += reward;
  }
};

}  // namespace

TEST_CASE("life levels parse, round-trip, and bad ones name file and line", "[envs][life]") {
  const LifeLevel level = ParseLifeLevel(kAppend, "append.txt");
  CHECK(level.name == "append-test");
  CHECK(level.board.width == 7);
  CHECK(level.agent_x == 1);
  CHECK(level.agent_y == 1);
  CHECK(level.max_steps == 50);
  CHECK(level.board.goals[static_cast<size_t>(level.board.Index(3, 2))] == kBlueGoal);
  CHECK(level.board.at(3, 3) == kLife);
  CHECK(ParseLifeLevel(FormatLifeLevel(level), "again") == level);

  auto fails = [](const std::string& text, const std::string& expected) {
    INFO(text);
    CHECK_THROWS_WITH(ParseLifeLevel(text, "bad.txt"), Contains(expected));
  };
  fails("#####\n#A.X#\n#?..#\n#####\n", "bad.txt:3: unknown cell '?' in column 2");
  fails("#####\n#A.X#\n#...\n#####\n", "bad.txt:3: row has 4 cells");
  fails("#####\n#..X#\n#...#\n#####\n", "exactly one agent");
  fails("#####\n#A..#\n#...#\n#####\n", "exactly one exit");
  fails("speed: 3\n#####\n#A.X#\n#####\n", "bad.txt:1: unknown header key 'speed'");
  fails("max_steps: -3\n#####\n#A.X#\n#####\n", "bad.txt:1: max_steps: bad value");
  fails("min_performance: 2\n#####\n#A.X#\n#####\n", "bad.txt:1: min_performance: bad value");
  advlab::testing::TempDir dir;
  CHECK_THROWS_AS(LoadLifeLevel(dir / "none.txt"), advlab::InputError);
}

TEST_CASE("the agent prunes red life, which opens the exit, and leaves by it", "[envs][life]") {
  // A red block (a still life) right of the agent: -4 points. Available: 4;
  // min_performance 0.5 opens the exit at 2 points earned.
  Stepper s;
  s.batch.Reset(0, ParseLifeLevel("min_performance: 0.5\n"
                                  "########\n"
                                  "#......#\n"
                                  "#..A.rr#\n"
                                  "#....rr#\n"
                                  "#X.....#\n"
                                  "########\n",
                                  "prune.txt"));
  CHECK_FALSE(s.batch.exit_open(0));
  s.Do(2);  // right, to (4, 2): the block's left column is now in the agent's block
  CHECK(s.reward == 0);
  s.Do(6);  // toggle right: (5, 2) empties (+1); its rebirth is inhibited by the agent
  CHECK(s.reward == 1);
  CHECK(s.batch.board(0).at(5, 2) == kEmpty);
  CHECK(s.batch.board(0).at(6, 2) == kRedLife);  // the L-tromino left is stable
  s.Do(3);                                       // down, to (4, 3)
  s.Do(6);  // toggle (5, 3): +1, and the two cells left in column 6 die (+2)
  CHECK(s.reward == 3);
  CHECK(s.batch.exit_open(0));
  s.Do(3);  // (4, 4)
  s.Do(4);
  s.Do(4);  // (2, 4)
  CHECK_FALSE(s.done);
  s.Do(4);  // onto the open exit at (1, 4): +1, the episode ends and restarts
  CHECK(s.done == 1);
  CHECK(s.reward == 1);
  const LifeEpisode& e = s.batch.last_episode(0);
  CHECK(e.exited);
  CHECK(e.points == Approx(5));
  CHECK(e.length == 8);
  CHECK(e.final_board.at(6, 3) == kEmpty);
  CHECK(e.start.at(6, 3) == kRedLife);
  CHECK(s.batch.board(0).at(3, 2) == kAgent);  // restarted on the level
}

TEST_CASE("a closed exit blocks, toggles spare hard life, episodes end at max_steps",
          "[envs][life]") {
  Stepper s;
  s.batch.Reset(0, ParseLifeLevel("max_steps: 3\n######\n#AXh.#\n#.hh.#\n#....#\n######\n", "t"));
  // An L of hard life (stable: its fourth corner is the exit, which cannot
  // come alive) is worth nothing, so with 0 points available the exit is
  // open from the start.
  CHECK(s.batch.exit_open(0));
  s.Do(7);  // toggle down on (1, 2): empty -> grey life
  CHECK(IsAlive(s.batch.board(0).at(1, 2)));
  s.Do(6);  // toggle right on the exit: nothing
  CHECK(s.batch.board(0).at(2, 1) == kExit);
  s.Do(2);  // onto the open exit: this is step 3, so exit and time limit coincide
  CHECK(s.done == 1);
  CHECK(s.batch.last_episode(0).length == 3);
  CHECK(s.batch.last_episode(0).exited);

  Stepper closed;
  closed.batch.Reset(
      0, ParseLifeLevel("max_steps: 2\nmin_performance: 1\n#####\n#AX+#\n#...#\n#####\n", "c"));
  CHECK_FALSE(closed.batch.exit_open(0));  // 3 points available, none earned
  closed.Do(2);                            // the exit is closed: the agent stays
  CHECK(closed.batch.board(0).at(1, 1) == kAgent);
  CHECK_FALSE(closed.done);
  closed.Do(0);
  CHECK(closed.done == 1);  // max_steps
  CHECK_FALSE(closed.batch.last_episode(0).exited);
}

TEST_CASE("batches step worlds independently and observe around each agent", "[envs][life]") {
  const LifeLevel level = ParseLifeLevel(kAppend, "append.txt");
  LifeBatch one(1), many(40);
  one.Reset(0, level);
  for (int i = 0; i < 40; ++i) many.Reset(i, level);
  std::vector<int32_t> actions(40);
  std::vector<float> rewards(40);
  std::vector<uint8_t> done(40);
  float reward = 0;
  uint8_t finished = 0;
  for (int t = 0; t < 30; ++t) {
    for (int i = 0; i < 40; ++i) actions[i] = (t * 7 + i * 3) % kActions;
    many.Step(actions.data(), rewards.data(), done.data());
    const int32_t a = actions[17];
    one.Step(&a, &reward, &finished);
    REQUIRE(many.board(17) == one.board(0));
    REQUIRE(rewards[17] == reward);
  }
  std::vector<float> view(static_cast<size_t>(40) * kPlanes * 5 * 5);
  many.Observe(5, view.data());
  // The agent is at the centre of its own view.
  for (int i = 0; i < 40; ++i) {
    CHECK(view[static_cast<size_t>(i) * kPlanes * 25 + kPlaneAgent * 25 + 12] == 1.0f);
  }
}

TEST_CASE("a world's snapshot restored on its level carries the episode on exactly",
          "[envs][life]") {
  const LifeLevel level = ParseLifeLevel(kAppend, "append.txt");
  LifeBatch played(1), restored(1);
  played.Reset(0, level);
  float reward = 0, restored_reward = 0;
  uint8_t done = 0, restored_done = 0;
  for (int32_t a : {2, 6, 7, 3}) played.Step(&a, &reward, &done);
  restored.Reset(0, level);
  restored.Restore(0, played.Snapshot(0));
  CHECK(restored.board(0) == played.board(0));
  CHECK(restored.steps(0) == played.steps(0));
  for (int32_t a : {6, 2, 7, 2, 2, 4, 0}) {
    played.Step(&a, &reward, &done);
    restored.Step(&a, &restored_reward, &restored_done);
    CHECK(restored_reward == reward);
    CHECK(restored_done == done);
    CHECK(restored.board(0) == played.board(0));
  }
  LifeWorldState misplaced = played.Snapshot(0);
  misplaced.x = (misplaced.x + 1) % level.board.width;  // no agent there
  CHECK_THROWS_AS(restored.Restore(0, misplaced), std::invalid_argument);
  LifeWorldState small = played.Snapshot(0);
  small.cells.pop_back();
  CHECK_THROWS_AS(restored.Restore(0, small), std::invalid_argument);
}
