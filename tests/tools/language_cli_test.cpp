// End-to-end: `advlab language feedback` and `advlab language shaping` as a
// user runs them.
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
  CHECK(Run("language narrate").status == 2);
  CHECK(Run("language").status == 2);
  CHECK(Run("language feedback task.messages=0 --out " + (dir / "m").string()).status == 2);
}

TEST_CASE("language shaping writes its curves and report, seeded", "[cli][language]") {
  advlab::testing::TempDir dir;
  const std::string smoke = "language shaping --config " + std::string(ADVLAB_SOURCE_DIR) +
                            "/configs/language_shaping_smoke.yaml --out ";
  auto first = Run(smoke + (dir / "a").string());
  INFO(first.output);
  REQUIRE(first.status == 0);
  CHECK_THAT(first.output, Contains("seed 1 narration: success"));
  REQUIRE(Run(smoke + (dir / "b").string()).status == 0);
  for (const char* file : {"grounding.csv", "curves.csv", "curve_summary.csv", "final.csv",
                           "images/task.png", "figures/success_curves.svg", "report.html"}) {
    INFO(file);
    CHECK(fs::exists(dir / "a" / file));
  }
  auto read = [](const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  // The conditions train on two threads; every number but the times repeats.
  CHECK(read(dir / "a" / "curves.csv") == read(dir / "b" / "curves.csv"));
  auto final_a = advlab::core::ReadCsv(dir / "a" / "final.csv");
  auto final_b = advlab::core::ReadCsv(dir / "b" / "final.csv");
  REQUIRE(final_a.rows.size() == 6);  // 2 seeds x 3 conditions
  for (size_t r = 0; r < final_a.rows.size(); ++r) {
    for (const char* column : {"success", "mean_steps", "shaping_paid", "shaping_agreed"}) {
      CHECK(final_a.Number(final_a.rows[r], column) == final_b.Number(final_b.rows[r], column));
    }
    const std::string condition = final_a.Cell(final_a.rows[r], "condition");
    if (condition == "sparse") CHECK(final_a.Number(final_a.rows[r], "shaping_paid") == 0);
    if (condition == "oracle") {
      CHECK(final_a.Number(final_a.rows[r], "shaping_agreed") ==
            final_a.Number(final_a.rows[r], "shaping_paid"));
    }
  }
  auto grounding = advlab::core::ReadCsv(dir / "a" / "grounding.csv");
  // 2 seeds x (8 training and 4 held-out templates, and each set's total)
  CHECK(grounding.rows.size() == 28);
}

TEST_CASE("language shaping rejects bad input with status 2", "[cli][language]") {
  advlab::testing::TempDir dir;
  const std::string smoke = "language shaping --config " + std::string(ADVLAB_SOURCE_DIR) +
                            "/configs/language_shaping_smoke.yaml --out " + (dir / "run").string() +
                            " ";
  std::ofstream(dir / "n.yaml") << "colours: [red]\ntemplates: {train: [go]}\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"language.file=" + (dir / "n.yaml").string(), "n.yaml"},
      {"language.file=" + (dir / "none.yaml").string(), "none.yaml"},
      {"world.order=[red,purple]", "world.order"},
      {"world.order=[red,red]", "world.order"},
      {"shaping.conditions=[sparse,dense]", "shaping.conditions"},
      {"shaping.phrasings=test", "shaping.phrasings"},
      {"grounding.conv_widths=[]", "grounding.conv_widths"},
      {"ppo.minibatches=3", "ppo.minibatches"},
  };
  for (const auto& [override_item, key] : cases) {
    INFO(override_item);
    auto bad = Run(smoke + override_item);
    CHECK(bad.status == 2);
    CHECK_THAT(bad.output, Contains(key));
    CHECK_FALSE(fs::exists(dir / "run"));
  }
}
