#include "paired/evaluation.h"

#include <catch2/catch.hpp>

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
