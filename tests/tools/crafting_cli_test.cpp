// End-to-end: `advlab crafting` as a user runs it.
#include <catch2/catch.hpp>
#include <fstream>

#include "core/csv_reader.h"
#include "tests/temp_dir.h"
#include "tests/tools/run_advlab.h"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;
using advlab::testing::Run;

namespace {

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const std::string kSmoke =
    "crafting --config " + std::string(ADVLAB_SOURCE_DIR) + "/configs/crafting_smoke.yaml";

}  // namespace

TEST_CASE("crafting trains both agents over seeds, reproducibly", "[cli][crafting]") {
  advlab::testing::TempDir dir;
  auto first = Run(kSmoke + " --out " + (dir / "a").string());
  INFO(first.output);
  REQUIRE(first.status == 0);
  REQUIRE(Run(kSmoke + " --out " + (dir / "b").string()).status == 0);
  for (const char* file :
       {"summary.csv", "seeds.csv", "goals.csv", "training.csv", "instructions.csv", "report.html",
        "figures/success.svg", "images/planner.png", "images/instruction.png", "config.yaml"}) {
    INFO(file);
    CHECK(fs::exists(dir / "a" / file));
  }
  // The agents train on two threads; the results must not depend on it.
  for (const char* file : {"goals.csv", "training.csv", "instructions.csv", "summary.csv"}) {
    INFO(file);
    CHECK(Read(dir / "a" / file) == Read(dir / "b" / file));
  }
  const auto summary = advlab::core::ReadCsv(dir / "a" / "summary.csv");
  REQUIRE(summary.rows.size() == 4);  // 2 agents x seen, held-out
  for (const auto& row : summary.rows) CHECK(summary.Number(row, "seeds") == 2);
  // 18 goals of the smoke split (20 less 2 held out) and 2 held out, per agent and seed.
  const auto goals = advlab::core::ReadCsv(dir / "a" / "goals.csv");
  CHECK(goals.rows.size() == 2 * 2 * 20);
  // A different seed gives different layouts, so different numbers.
  REQUIRE(Run(kSmoke + " seed=9 --out " + (dir / "c").string()).status == 0);
  CHECK(Read(dir / "a" / "training.csv") != Read(dir / "c" / "training.csv"));
}

TEST_CASE("crafting rejects bad input with status 2 and writes nothing", "[cli][crafting]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "recipes.yaml") << "materials:\n  wood: {resource: tree}\nstations: [a]\n"
                                         "forms:\n  rod: {station: oven, units: 1}\n";
  auto bad = Run(kSmoke + " recipes.file=" + (dir / "recipes.yaml").string() + " --out " +
                 (dir / "run").string());
  CHECK(bad.status == 2);
  CHECK_THAT(bad.output, Contains("recipes.yaml") && Contains("forms.rod.station"));
  CHECK_FALSE(fs::exists(dir / "run"));
  auto unknown_goal = Run(kSmoke + " \"split.held_out=[stone axe]\" --out " + (dir / "g").string());
  CHECK(unknown_goal.status == 2);
  CHECK_THAT(unknown_goal.output, Contains("split.held_out"));
  CHECK_FALSE(fs::exists(dir / "g"));
  auto short_steps = Run(kSmoke + " world.max_steps=3 --out " + (dir / "s").string());
  CHECK(short_steps.status == 2);
  CHECK_THAT(short_steps.output, Contains("world.max_steps"));
  CHECK(Run(kSmoke + " world.width=2 --out " + (dir / "w").string()).status == 2);
  CHECK(Run(kSmoke + " typo.key=1 --out " + (dir / "t").string()).status == 2);
  // A bad value typed on the command line is blamed on the command line.
  auto typed = Run(kSmoke + " seeds=0 --out " + (dir / "z").string());
  CHECK(typed.status == 2);
  CHECK_THAT(typed.output, Contains("command line"));
  // A bad key in the config file names the file.
  std::ofstream(dir / "bad.yaml") << "split:\n  held_out: [emerald rod]\n";
  auto file =
      Run("crafting --config " + (dir / "bad.yaml").string() + " --out " + (dir / "f").string());
  CHECK(file.status == 2);
  CHECK_THAT(file.output, Contains("bad.yaml") && Contains("split.held_out"));
  CHECK_FALSE(fs::exists(dir / "f"));
  // An empty or repeated --out is refused before anything runs.
  CHECK(Run(kSmoke + " --out \"\"").status == 2);
  CHECK(
      Run(kSmoke + " --out " + (dir / "o1").string() + " --out " + (dir / "o2").string()).status ==
      2);
  CHECK_FALSE(fs::exists(dir / "o1"));
  CHECK_FALSE(fs::exists(dir / "o2"));
  CHECK(Run("crafting --help").status == 0);
}
