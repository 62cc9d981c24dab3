#include "core/check.h"

#include <catch2/catch.hpp>

using Catch::Matchers::Contains;

TEST_CASE("a failed check names the expression, both values and the line", "[check]") {
  const int worlds = 7, minibatches = 2;
  // The checks are statements; Catch2 wants expressions.
  auto divides = [&] { ADVLAB_CHECK_EQ(worlds % minibatches, 0); };
  CHECK_THROWS_AS(divides(), std::logic_error);
  CHECK_THROWS_WITH(divides(), Contains("check failed: worlds % minibatches == 0 (1 vs 0)") &&
                                   Contains("check_test.cpp:"));
  CHECK_THROWS_WITH([&] { ADVLAB_CHECK(worlds < 0); }(), Contains("check failed: worlds < 0"));
  CHECK_THROWS_WITH([&] { ADVLAB_CHECK_GT(minibatches, worlds); }(), Contains("(2 vs 7)"));
}

TEST_CASE("a check that holds evaluates each side once and passes", "[check]") {
  int calls = 0;
  auto next = [&] { return ++calls; };
  ADVLAB_CHECK_EQ(next(), 1);
  CHECK(calls == 1);
  ADVLAB_CHECK_LE(1, 2);
  ADVLAB_CHECK_NE(1, 2);
  ADVLAB_CHECK_GE(2, 2);
  ADVLAB_CHECK_LT(1, 2);
  ADVLAB_CHECK(calls == 1);
}
