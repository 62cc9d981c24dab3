#include <catch2/catch.hpp>

#include <fstream>

#include "core/csv_reader.h"
#include "core/error.h"
#include "paired/seed_comparison.h"
#include "tests/temp_dir.h"

using namespace advlab;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

// A finished run as the paired job leaves it: config, metrics, evaluation.
void FakeRun(const fs::path& dir, const std::string& method, int seed, double final_solved,
             double maze_a, double maze_b) {
  fs::create_directories(dir);
  std::ofstream(dir / "config.yaml") << "seed: " << seed << "\nued:\n  method: " << method << "\n";
  std::ofstream metrics(dir / "metrics.csv");
  metrics << "update,env_steps,student_updates,protagonist_solved_rate,level_shortest_path,"
             "wall_seconds\n";
  for (int u = 0; u < 10; ++u) {
    metrics << u << "," << (u + 1) * 100 << "," << u + 1 << "," << (u == 9 ? final_solved : 0.5)
            << ",8," << u << "\n";
  }
  std::ofstream(dir / "eval.csv") << "maze,solve_rate\nMaze," << maze_a << "\nSixteenRooms,"
                                  << maze_b << "\n";
}

}  // namespace

TEST_CASE("runs are grouped by method over seeds with mean and sample sd", "[seed_comparison]") {
  testing::TempDir dir;
  FakeRun(dir / "dr-s0", "dr", 0, 0.9, 0.1, 0.5);
  FakeRun(dir / "dr-s1", "dr", 1, 0.7, 0.3, 0.7);
  FakeRun(dir / "plr_perp_t03-s0", "plr_perp", 0, 1.0, 0.0, 0.2);
  std::vector<paired::ComparedRun> runs;
  for (const char* name : {"dr-s0", "dr-s1", "plr_perp_t03-s0"}) {
    runs.push_back(paired::ReadComparedRun(dir / name));
  }
  CHECK(runs[2].group == "plr_perp_t03");
  CHECK(runs[0].final_solved_rate == Approx(0.9));  // the last tenth: one update
  paired::ComparisonSummary summary = paired::WriteComparison(runs, dir / "out");
  CHECK(summary.methods == 2);
  core::CsvTable methods = core::ReadCsv(dir / "out" / "methods.csv");
  REQUIRE(methods.rows.size() == 2);
  // Held-out means per run: 0.3 and 0.5 -> mean 0.4, sd sqrt(0.02) = 0.1414.
  CHECK(methods.Number(methods.rows[0], "heldout_mean_solve_rate") == Approx(0.4));
  CHECK(methods.Number(methods.rows[0], "heldout_sd") == Approx(0.1414).epsilon(0.01));
  CHECK(methods.Number(methods.rows[0], "final_training_solved_rate") == Approx(0.8));
  CHECK_FALSE(methods.OptionalNumber(methods.rows[1], "heldout_sd"));  // one seed: no sd
  core::CsvTable rates = core::ReadCsv(dir / "out" / "solve_rates.csv");
  CHECK(rates.Cell(rates.rows[0], "maze") == "Maze");  // eval.csv order, not sorted
  CHECK(rates.Number(rates.rows[0], "dr_mean") == Approx(0.2));
  CHECK(rates.Number(rates.rows[1], "published_dr_25_blocks") == Approx(0.90));
  CHECK(fs::exists(dir / "out" / "report.html"));
}

TEST_CASE("a run directory without its files is an input error naming the file",
          "[seed_comparison]") {
  testing::TempDir dir;
  fs::create_directories(dir / "empty");
  CHECK_THROWS_WITH(paired::ReadComparedRun(dir / "empty"), Contains("config.yaml"));
  std::ofstream(dir / "empty" / "config.yaml") << "ued:\n  method: dr\n";
  CHECK_THROWS_AS(paired::ReadComparedRun(dir / "empty"), InputError);
  CHECK_THROWS_WITH(paired::ReadComparedRun(dir / "nowhere"), Contains("nowhere"));
}
