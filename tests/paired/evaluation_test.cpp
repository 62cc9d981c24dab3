#include "paired/evaluation.h"

#include <catch2/catch.hpp>

TEST_CASE("evaluation episodes are bounded for huge mazes", "[evaluation]") {
  advlab::envs::Level huge = advlab::envs::Level::Empty(3000, 3000);
  huge.max_steps = 2 * 3000 * 3000;  // the text format's default
  CHECK(advlab::paired::EvalStepLimit(huge) == advlab::paired::kMaxEvalSteps);
  advlab::envs::Level small = advlab::envs::Level::Empty(15, 15);
  small.max_steps = 450;
  CHECK(advlab::paired::EvalStepLimit(small) == 450);
}
