#include "report/seed_summary.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "core/atomic_file.h"
#include "core/csv_reader.h"
#include "report/html_report.h"
#include "tests/temp_dir.h"

using namespace advlab::report;
namespace fs = std::filesystem;

namespace {

// A finished run of job `title` with one key number and a two-row metrics log.
void FakeRun(const fs::path& dir, const std::string& title, int seed, const std::string& rate,
             double first, double second, const std::string& method = "paired") {
  fs::create_directories(dir);
  std::ofstream(dir / "manifest.json") << "{\"seed\": " << seed << "}";
  std::ofstream(dir / "config.yaml") << "threads:\n  intra_op: " << seed << "\nseed: " << seed
                                     << "\nued:\n  method: " << method << "\n";
  std::ofstream(dir / "metrics.csv")
      << "update,solved_rate\n0," << first << "\n1," << second << "\n";
  RunReport report;
  report.title = title;
  report.summary = {{"solve rate", rate}, {"label set", "names"}};
  report.seed_curves = {"solved_rate", "absent_column"};
  report.Save(dir);
}

}  // namespace

TEST_CASE("a key number's value is read up to its first non-number", "[seeds]") {
  CHECK(*LeadingNumber("0.21 [0.16, 0.27]") == Approx(0.21));
  CHECK(*LeadingNumber("41.2%") == Approx(41.2));
  CHECK(*LeadingNumber("-3e-2 (x)") == Approx(-0.03));
  CHECK_FALSE(LeadingNumber("names"));
  CHECK_FALSE(LeadingNumber(""));
}

TEST_CASE("runs of one job are summarised by mean, sd and range; others are not", "[seeds]") {
  advlab::testing::TempDir dir;
  FakeRun(dir / "a", "UED training: paired", 1, "0.2 [0.1, 0.3]", 0.0, 0.4);
  FakeRun(dir / "b", "UED training: paired", 2, "0.4 [0.3, 0.5]", 0.2, 0.6);
  FakeRun(dir / "c", "UED training: paired", 3, "0.6", 0.1, 0.8);
  FakeRun(dir / "other", "Something else", 1, "0.9", 0, 0);
  // The same title from another config is another job, not a seed.
  FakeRun(dir / "dr", "UED training: paired", 4, "0.9", 0, 0, "dr");

  std::vector<KeyNumberSpread> spreads = SpreadOfKeyNumbers({dir / "a", dir / "b", dir / "c"});
  REQUIRE(spreads.size() == 1);  // "names" is not a number
  CHECK(spreads[0].label == "solve rate");
  CHECK(spreads[0].runs == 3);
  CHECK(spreads[0].mean == Approx(0.4));
  CHECK(spreads[0].sd == Approx(0.2));  // sample sd of 0.2, 0.4, 0.6
  CHECK(spreads[0].min == Approx(0.2));
  CHECK(spreads[0].max == Approx(0.6));

  std::vector<fs::path> written = WriteSeedSummaries(
      {dir / "a", dir / "other", dir / "b", dir / "dr", dir / "c", dir / "a/"}, dir / "seeds");
  REQUIRE(written.size() == 1);
  auto numbers = advlab::core::ReadCsv(written[0] / "key_numbers.csv");
  REQUIRE(numbers.rows.size() == 1);
  CHECK(numbers.Number(numbers.rows[0], "mean") == Approx(0.4));
  CHECK(numbers.Number(numbers.rows[0], "sd") == Approx(0.2));
  RunReport summary = RunReport::Load(written[0]);
  CHECK(summary.title == "Across 3 runs: UED training: paired");
  REQUIRE(summary.summary.size() == 1);
  CHECK(summary.summary[0].value == "0.4 ± 0.2");
  // The band figure's data: the mean and +-1 sd at each update all runs reached.
  // (written even where gnuplot is missing).
  const std::string data = advlab::core::ReadFile(written[0] / "figures" / "solved_rate.dat");
  CHECK(data.find("\n1 0.4 0.8\n") != std::string::npos);  // update 1: 0.6 +- 0.2 (band)
  CHECK(data.find("\n1 0.6\n") != std::string::npos);      // update 1: mean
  CHECK_FALSE(fs::exists(written[0] / "figures" / "absent_column.dat"));
  // One run alone has no spread to show, even when given twice.
  CHECK(
      WriteSeedSummaries({dir / "a", dir / "other", dir / "a", dir / "dr"}, dir / "none").empty());
}
