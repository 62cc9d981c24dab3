#include "paired/evaluation.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "tests/temp_dir.h"

#include "core/interrupt.h"

TEST_CASE("evaluation episodes are bounded for huge mazes", "[evaluation]") {
  advlab::envs::Level huge = advlab::envs::Level::Empty(3000, 3000);
  huge.max_steps = 2 * 3000 * 3000;  // the text format's default
  CHECK(advlab::paired::EvalStepLimit(huge) == advlab::paired::kMaxEvalSteps);
  advlab::envs::Level small = advlab::envs::Level::Empty(15, 15);
  small.max_steps = 450;
  CHECK(advlab::paired::EvalStepLimit(small) == 450);
}

TEST_CASE("an interrupted evaluation keeps only the mazes it finished", "[evaluation]") {
  advlab::paired::StudentNetOptions options;
  options.hidden = 8;
  options.head = 8;
  options.conv_channels = 4;
  advlab::paired::StudentNet net(options);
  const std::filesystem::path mazes = std::filesystem::path(ADVLAB_SOURCE_DIR) / "envs" / "mazes";
  const std::vector<std::string> names = {"SixteenRooms", "Labyrinth"};
  CHECK(advlab::paired::EvaluateZeroShot(net, names, 2, 0, mazes).size() == 2);
  advlab::core::RequestInterrupt();
  CHECK(advlab::paired::EvaluateZeroShot(net, names, 2, 0, mazes).empty());
  advlab::core::ClearInterrupt();
}

TEST_CASE("evaluation counts solves, returns and steps per maze", "[evaluation]") {
  advlab::testing::TempDir dir;
  // Walled in: every episode runs its 7 steps and earns nothing.
  std::ofstream(dir / "boxed.txt") << "max_steps: 7\n#######\n#A#...#\n###.G.#\n#######\n";
  // The goal one step ahead and one step allowed: an episode is solved
  // exactly when its first action is forward, for 1 - 0.9 * 1/1 = 0.1.
  std::ofstream(dir / "adjacent.txt") << "max_steps: 1\n#####\n#AG.#\n#####\n";
  advlab::paired::StudentNetOptions options;
  options.hidden = 8;
  options.head = 8;
  options.conv_channels = 4;
  options.actions = 3;
  torch::manual_seed(1);
  advlab::paired::StudentNet net(options);
  const auto results = advlab::paired::EvaluateZeroShot(
      net, {(dir / "boxed.txt").string(), (dir / "adjacent.txt").string()}, 64, 3, dir.path());
  REQUIRE(results.size() == 2);
  CHECK(results[0].episodes == 64);
  CHECK(results[0].solve_rate == 0);
  CHECK(results[0].mean_return == 0);
  CHECK(results[0].mean_steps == 7);
  CHECK(results[1].mean_steps == 1);
  CHECK(results[1].solve_rate > 0);
  CHECK(results[1].solve_rate < 1);
  CHECK(results[1].mean_return == Approx(0.1 * results[1].solve_rate).epsilon(1e-5));
}

TEST_CASE("mazes are shared out longest first, each to the least loaded rank", "[paired][eval]") {
  using advlab::paired::ShareOut;
  CHECK(ShareOut({1, 10, 3, 3, 2}, 2) == std::vector<int>{1, 0, 1, 1, 1});
  CHECK(ShareOut({5, 5, 5, 5}, 2) == std::vector<int>{0, 1, 0, 1});
  CHECK(ShareOut({7, 1}, 1) == std::vector<int>{0, 0});
  CHECK(ShareOut({2}, 4) == std::vector<int>{0});
}
