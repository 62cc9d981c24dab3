// End-to-end: `advlab life` as a user runs it.
#include <catch2/catch.hpp>
#include <fstream>

#include "core/csv_reader.h"
#include "tests/temp_dir.h"
#include "tests/tools/run_advlab.h"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;
using advlab::testing::Run;

TEST_CASE("life generate writes seeded levels with idle and random baselines", "[cli][life]") {
  advlab::testing::TempDir dir;
  const std::string args = " --task append --count 3 --seed 4 --episodes 2 --out ";
  auto first = Run("life generate" + args + (dir / "a").string());
  INFO(first.output);
  REQUIRE(first.status == 0);
  REQUIRE(Run("life generate" + args + (dir / "b").string()).status == 0);
  for (const char* file : {"level_00000.txt", "level_00002.txt", "gallery.png", "levels.csv"}) {
    INFO(file);
    CHECK(fs::exists(dir / "a" / file));
  }
  // The same seed, the same levels and numbers.
  std::ifstream a(dir / "a" / "levels.csv"), b(dir / "b" / "levels.csv");
  CHECK(std::string(std::istreambuf_iterator<char>(a), {}) ==
        std::string(std::istreambuf_iterator<char>(b), {}));
  auto levels = advlab::core::ReadCsv(dir / "a" / "levels.csv");
  REQUIRE(levels.rows.size() == 3);
  for (const auto& row : levels.rows) {
    CHECK(levels.Number(row, "goal_cells") >= 8);
    CHECK(levels.Number(row, "available_points") == 3 * levels.Number(row, "goal_cells"));
    // Doing nothing changes nothing: no points, no side effects.
    CHECK(levels.Number(row, "idle_points") == 0);
    CHECK(levels.Number(row, "idle_side_effects") == 0);
  }
  auto shown = Run("life show " + (dir / "a" / "level_00001.txt").string() + " --steps 20 --out " +
                   (dir / "episode.png").string());
  CHECK(shown.status == 0);
  CHECK(fs::exists(dir / "episode.png"));
}

TEST_CASE("life rejects bad levels and arguments with status 2", "[cli][life]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "bad.txt") << "#####\n#A.X#\n#.Q.#\n#####\n";
  auto bad = Run("life show " + (dir / "bad.txt").string() + " --out " + (dir / "x.png").string());
  CHECK(bad.status == 2);
  CHECK_THAT(bad.output, Contains("bad.txt:3"));
  CHECK_FALSE(fs::exists(dir / "x.png"));
  CHECK(Run("life generate --task sweep --count 1 --out " + (dir / "g").string()).status == 2);
  auto crowded = Run("life generate --task prune --size 8 --count 1 --out " + (dir / "c").string());
  CHECK(crowded.status == 2);
  CHECK_THAT(crowded.output, Contains("--size"));
  CHECK_FALSE(fs::exists(dir / "c"));
  CHECK(Run("life").status == 2);
  CHECK(Run("life --help").status == 0);
}
