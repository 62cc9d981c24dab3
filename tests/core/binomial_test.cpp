#include "core/binomial.h"

#include <catch2/catch.hpp>

using advlab::core::WilsonInterval;

TEST_CASE("Wilson intervals match published values and stay in [0, 1]", "[binomial]") {
  // Newcombe (1998), Table I: 81/263 -> 0.2553 to 0.3662; 15/148 -> 0.0624 to 0.1605.
  auto a = WilsonInterval(81, 263);
  CHECK(a.low == Approx(0.2553).margin(5e-5));
  CHECK(a.high == Approx(0.3662).margin(5e-5));
  auto b = WilsonInterval(15, 148);
  CHECK(b.low == Approx(0.0624).margin(5e-5));
  CHECK(b.high == Approx(0.1605).margin(5e-5));
  // None and all of 20 episodes: one-sided, inside [0, 1].
  auto none = WilsonInterval(0, 20);
  CHECK(none.low == 0);
  CHECK(none.high == Approx(0.1611).margin(5e-5));
  auto all = WilsonInterval(20, 20);
  CHECK(all.high == 1);
  CHECK(all.low == Approx(1 - 0.1611).margin(5e-5));
  CHECK_THROWS_AS(WilsonInterval(1, 0), std::logic_error);
}
