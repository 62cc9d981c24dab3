// End-to-end: `advlab language feedback` as a user runs it.
#include <catch2/catch.hpp>
#include <fstream>

#include "core/csv_reader.h"
#include "tests/temp_dir.h"
#include "tests/tools/run_advlab.h"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;
using advlab::testing::Run;

TEST_CASE("language feedback writes its curves, seeded", "[cli][language]") {
  advlab::testing::TempDir dir;
  const std::string small = "language feedback task.seeds=3 task.messages=8 --out ";
  auto first = Run(small + (dir / "a").string());
  INFO(first.output);
  REQUIRE(first.status == 0);
  REQUIRE(Run(small + (dir / "b").string()).status == 0);
  for (const char* file : {"curves.csv", "interpreter.csv", "unknown_words.csv", "examples.csv",
                           "report.html", "figures/regret_imperative.svg"}) {
    INFO(file);
    CHECK(fs::exists(dir / "a" / file));
  }
  auto read = [](const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  CHECK(read(dir / "a" / "curves.csv") == read(dir / "b" / "curves.csv"));
  auto curves = advlab::core::ReadCsv(dir / "a" / "curves.csv");
  // 3 forms x 2 listeners x messages 0, 1, 2, 4, 8; nothing learned at 0.
  REQUIRE(curves.rows.size() == 30);
  for (const auto& row : curves.rows) {
    if (curves.Number(row, "messages") == 0) CHECK(curves.Number(row, "seeds") == 3);
  }
}

TEST_CASE("language rejects bad input with status 2", "[cli][language]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "words.yaml") << "features: {}\n";
  auto bad = Run("language feedback language.file=" + (dir / "words.yaml").string() + " --out " +
                 (dir / "run").string());
  CHECK(bad.status == 2);
  CHECK_THAT(bad.output, Contains("words.yaml"));
  CHECK_FALSE(fs::exists(dir / "run"));
  CHECK(Run("language shaping").status == 2);
  CHECK(Run("language").status == 2);
  CHECK(Run("language feedback task.messages=0 --out " + (dir / "m").string()).status == 2);
}
