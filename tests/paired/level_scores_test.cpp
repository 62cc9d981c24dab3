#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "paired/level_scores.h"

using namespace advlab::paired;

namespace {

// One world, four steps: an episode over steps 0-1 paying 0.7, then an
// unfinished tail over steps 2-3.
struct Rollout {
  std::vector<float> advantages = {0.2f, -0.4f, 0.1f, 0.3f};
  std::vector<float> values = {0.5f, 0.6f, 0.1f, 0.2f, 0.0f};
  std::vector<float> rewards = {0, 0.7f, 0, 0};
  std::vector<float> dones = {0, 1, 0, 0};
  RolloutView View() const {
    return {advantages.data(), values.data(), rewards.data(), dones.data(), 4, 1};
  }
};

double Score(ScoreFunction f, const Rollout& r, double stored, bool tail) {
  std::vector<ReplayScore> s = ScoreLevels(f, r.View(), &stored, tail);
  REQUIRE(s.size() == 1);
  REQUIRE(s[0].scored);
  return s[0].score;
}

const double kNew = -std::numeric_limits<double>::infinity();

}  // namespace

TEST_CASE("each score function on a hand-made episode", "[level_scores]") {
  Rollout r;
  CHECK(Score(ScoreFunction::kPositiveValueLoss, r, kNew, false) == Approx(0.1));  // (0.2 + 0) / 2
  CHECK(Score(ScoreFunction::kValueL1, r, kNew, false) == Approx(0.3));  // (0.2 + 0.4) / 2
  CHECK(Score(ScoreFunction::kSignedValueLoss, r, kNew, false) == Approx(-0.1));
  // G* = 0.7 (this episode): ((0.7 - 0.5) + (0.7 - 0.6)) / 2.
  CHECK(Score(ScoreFunction::kGroundedSignedValueLoss, r, kNew, false) == Approx(0.15));
  // A stored G* of 0.9 beats this episode's return: ((0.4) + (0.3)) / 2.
  CHECK(Score(ScoreFunction::kGroundedSignedValueLoss, r, 0.9, false) == Approx(0.35));
  // With G* = 0.55, the value 0.6 lies above it: it counts negatively in the
  // signed score and not at all in the positive one.
  r.rewards[1] = 0.55f;
  CHECK(Score(ScoreFunction::kGroundedSignedValueLoss, r, kNew, false) ==
        Approx((0.05 - 0.05) / 2).margin(1e-7));
  CHECK(Score(ScoreFunction::kGroundedPositiveValueLoss, r, kNew, false) == Approx(0.025));
  CHECK(ScoreFunctionFromName("max_mc") == ScoreFunction::kGroundedSignedValueLoss);
  CHECK_THROWS(ScoreFunctionFromName("regret"));
}

TEST_CASE("the last completed episode sets the score, the tail only without time-limit handling",
          "[level_scores]") {
  Rollout r;
  // handle_timelimits: the tail (steps 2-3) is a cliffhanger, not scored.
  CHECK(Score(ScoreFunction::kValueL1, r, kNew, /*tail=*/false) == Approx(0.3));
  // Without: the tail is scored as if complete and, being last, wins.
  CHECK(Score(ScoreFunction::kValueL1, r, kNew, /*tail=*/true) == Approx(0.2));
  std::vector<ReplayScore> s =
      ScoreLevels(ScoreFunction::kGroundedSignedValueLoss, r.View(), nullptr, false);
  CHECK(s[0].max_return == Approx(0.7));
}

TEST_CASE("a level with no completed episode is not scored and keeps its G*", "[level_scores]") {
  Rollout r;
  r.dones = {0, 0, 0, 0};
  double stored = 0.4;
  std::vector<ReplayScore> s =
      ScoreLevels(ScoreFunction::kPositiveValueLoss, r.View(), &stored, false);
  CHECK_FALSE(s[0].scored);
  CHECK(s[0].max_return == Approx(0.4));
}

TEST_CASE("the first completed episode is kept apart for admission", "[level_scores]") {
  // Two episodes: steps 0-1 (advantages 0.2, -0.4) and steps 2-3 (0.1, 0.3).
  Rollout r;
  r.dones = {0, 1, 0, 1};
  std::vector<ReplayScore> s = ScoreLevels(ScoreFunction::kValueL1, r.View(), nullptr, false);
  CHECK(s[0].first_score == Approx(0.3));
  CHECK(s[0].score == Approx(0.2));
}
