#include "paired/published_results.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace advlab::paired;

TEST_CASE("published solve rates come from the shipped table", "[published]") {
  REQUIRE(PublishedColumns().size() == 9);
  CHECK(PublishedColumns().front() == "dr_25_blocks");
  CHECK(PublishedSolveRate("dr_25_blocks", "SixteenRooms") == Approx(0.90));
  CHECK(PublishedSolveRate("accel_0_60_blocks", "PerfectMazeMedium") == Approx(0.90));
  // Mazes outside a benchmark, and unknown mazes, have no published rate.
  CHECK(std::isnan(PublishedSolveRate("paired_25_blocks", "FourRooms")));
  CHECK(std::isnan(PublishedSolveRate("dr_25_blocks", "NoSuchMaze")));
  CHECK_THROWS_AS(PublishedSolveRate("alp_gmm_25_blocks", "Maze"), std::invalid_argument);
  CHECK(PublishedColumnsOf("plr_perp") ==
        std::vector<std::string>{"plr_perp_25_blocks", "plr_perp_0_60_blocks"});
  CHECK(PublishedColumnsOf("flexible").empty());
}
