#include "paired/regret.h"

#include <catch2/catch.hpp>

using namespace advlab::paired;

TEST_CASE("regret estimators on hand-made return tables", "[regret]") {
  // (mean, max) per student on one level.
  const LevelScore protagonist{0.2, 0.5}, antagonist{0.6, 0.9};
  CHECK(TeacherReward(UedMethod::kPaired, protagonist, antagonist, true) == Approx(0.9 - 0.2));
  // The protagonist doing better: clipped to 0, or negative unclipped (google's default gin).
  const LevelScore strong{0.8, 0.9}, weak{0.1, 0.3};
  CHECK(TeacherReward(UedMethod::kPaired, strong, weak, true) == 0.0);
  CHECK(TeacherReward(UedMethod::kPaired, strong, weak, false) == Approx(0.3 - 0.8));
  // Flexible PAIRED swaps roles when the protagonist's best beats the antagonist's.
  CHECK(TeacherReward(UedMethod::kFlexiblePaired, strong, weak, true) == Approx(0.9 - 0.1));
  CHECK(TeacherReward(UedMethod::kFlexiblePaired, protagonist, antagonist, true) ==
        Approx(0.9 - 0.2));
  // Minimax: minus the protagonist's mean (google) or max (dcd) return; no clip.
  CHECK(TeacherReward(UedMethod::kMinimax, protagonist, {}, true) == Approx(-0.2));
  CHECK(TeacherReward(UedMethod::kMinimax, protagonist, {}, true, /*minimax_uses_max=*/true) ==
        Approx(-0.5));
  // Unsolved by both: no regret.
  CHECK(TeacherReward(UedMethod::kPaired, {}, {}, true) == 0.0);
  CHECK(TeacherReward(UedMethod::kDomainRandomization, protagonist, antagonist, true) == 0.0);
  CHECK(UedMethodFromName("flexible") == UedMethod::kFlexiblePaired);
  CHECK_THROWS(UedMethodFromName("alp_gmm"));
  CHECK(UsesAntagonist(UedMethod::kPaired));
  CHECK_FALSE(UsesAntagonist(UedMethod::kMinimax));
}
