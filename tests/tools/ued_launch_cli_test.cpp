// End-to-end: data-parallel UED training (`advlab launch -- paired`). Two
// or three ranks on loopback must log what one process logs, up to the order
// of floating-point sums, for PAIRED (teacher and two students) and for the
// level-replay methods (gathered scores, replicated buffers, ACCEL's edits);
// a run resumes with another number of ranks; a killed rank stops the job;
// refused input exits 2.
#include <signal.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/csv_reader.h"
#include "tests/temp_dir.h"
#include "tests/tools/run_advlab.h"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;
using advlab::testing::Run;

namespace {

constexpr auto Read = advlab::testing::ReadFile;

std::string Config(const char* name) {
  return std::string(" --config ") + ADVLAB_SOURCE_DIR + "/configs/" + name;
}

// Every cell of two CSV files alike, numbers within 1e-5 (relative above 1),
// but for the columns that measure time. NaN equals NaN.
void CheckSameNumbers(const fs::path& one, const fs::path& two) {
  const advlab::core::CsvTable a = advlab::core::ReadCsv(one), b = advlab::core::ReadCsv(two);
  REQUIRE(a.header == b.header);
  REQUIRE(a.rows.size() == b.rows.size());
  REQUIRE(!a.rows.empty());
  for (size_t r = 0; r < a.rows.size(); ++r) {
    for (const std::string& column : a.header) {
      if (column == "sps" || column == "wall_seconds" || column == "seconds") continue;
      const std::string& x = a.Cell(a.rows[r], column);
      const std::string& y = b.Cell(b.rows[r], column);
      INFO(one.filename().string()
           << " row " << r << " column " << column << ": " << x << " vs " << y);
      char* end = nullptr;
      const double u = std::strtod(x.c_str(), &end);
      if (x.empty() || *end != '\0') {
        CHECK(x == y);  // text, or an empty cell
        continue;
      }
      const double v = std::strtod(y.c_str(), nullptr);
      if (std::isnan(u) || std::isnan(v)) {
        CHECK(std::isnan(u) == std::isnan(v));
      } else {
        CHECK(std::abs(u - v) <= 1e-5 * std::max(1.0, std::abs(u)));
      }
    }
  }
}

double Column(const fs::path& csv, const std::string& column) {
  double total = 0;
  for (double v : advlab::core::ReadCsv(csv).Column(column)) {
    if (!std::isnan(v)) total += v;
  }
  return total;
}

// One process and `ranks` ranks on the same config; the metrics and the
// final evaluation agree.
void CheckRanksMatchOne(const std::string& job, const fs::path& dir, int ranks = 2) {
  const auto one = Run(job + " --out " + (dir / "one").string());
  INFO(one.output);
  REQUIRE(one.status == 0);
  const auto many = Run("launch --nproc " + std::to_string(ranks) + " --timeout 60 -- " + job +
                        " --out " + (dir / "many").string());
  INFO(many.output);
  REQUIRE(many.status == 0);
  CheckSameNumbers(dir / "one" / "metrics.csv", dir / "many" / "metrics.csv");
  CheckSameNumbers(dir / "one" / "eval.csv", dir / "many" / "eval.csv");
  CHECK(Read(dir / "one" / "baseline.csv") == Read(dir / "many" / "baseline.csv"));
  CHECK_THAT(Read(dir / "many" / "manifest.json"), Contains("\"ranks\": " + std::to_string(ranks)));
}

}  // namespace

TEST_CASE("PAIRED trained on two ranks logs what one process logs", "[cli][distributed][ued]") {
  advlab::testing::TempDir dir;
  CheckRanksMatchOne("paired" + Config("paired_smoke.yaml"), dir.path());
  // The teacher learned (its loss is logged) on both.
  CHECK(Column(dir / "many" / "metrics.csv", "teacher_value_loss") > 0);
}

TEST_CASE("ACCEL and PLR trained on two ranks log what one process logs",
          "[cli][distributed][ued]") {
  advlab::testing::TempDir dir;
  CheckRanksMatchOne("paired" + Config("accel_smoke.yaml"), dir / "accel");
  // Replay, curation and edits all happened, so their gathers were exercised.
  const fs::path metrics = dir / "accel" / "many" / "metrics.csv";
  CHECK(Column(metrics, "replay") > 0);
  CHECK(Column(metrics, "edited_levels") > 0);
  CHECK(Column(metrics, "admitted_levels") > 0);
  CheckRanksMatchOne("paired" + Config("accel_smoke.yaml") + " ued.method=plr", dir / "plr");
  CHECK(Column(dir / "plr" / "many" / "metrics.csv", "replay") > 0);
}

TEST_CASE("REPAIRED on three ranks with uneven shares logs what one process logs",
          "[cli][distributed][ued]") {
  // 4 worlds on 3 ranks hold 1, 1 and 2: some ranks hold no row of a
  // minibatch and add zero gradients. Two buffers, a teacher, replay.
  advlab::testing::TempDir dir;
  CheckRanksMatchOne(
      "paired" + Config("accel_smoke.yaml") +
          " ued.method=repaired teacher.walls=6 teacher.net.conv_channels=4 teacher.net.hidden=8 "
          "teacher.net.head=8",
      dir.path(), 3);
  CHECK(Column(dir / "many" / "metrics.csv", "replay") > 0);
}

TEST_CASE("a run resumes with another number of ranks", "[cli][distributed][ued]") {
  advlab::testing::TempDir dir;
  const std::string job = "paired" + Config("paired_smoke.yaml") + " eval.episodes=0";
  REQUIRE(Run(job + " --out " + (dir / "one").string()).status == 0);
  // Two ranks for the first half, then one process; and the other way round.
  REQUIRE(Run("launch --nproc 2 --timeout 60 -- " + job + " train.updates=2 --out " +
              (dir / "two_then_one").string())
              .status == 0);
  const auto resumed =
      Run("paired --resume " + (dir / "two_then_one").string() + " train.updates=4");
  INFO(resumed.output);
  REQUIRE(resumed.status == 0);
  CheckSameNumbers(dir / "one" / "metrics.csv", dir / "two_then_one" / "metrics.csv");
  REQUIRE(Run(job + " train.updates=2 --out " + (dir / "one_then_two").string()).status == 0);
  const auto relaunched = Run("launch --nproc 2 --timeout 60 -- paired --resume " +
                              (dir / "one_then_two").string() + " train.updates=4");
  INFO(relaunched.output);
  REQUIRE(relaunched.status == 0);
  CheckSameNumbers(dir / "one" / "metrics.csv", dir / "one_then_two" / "metrics.csv");
}

TEST_CASE("a rank killed mid-training stops the other, and the run resumes",
          "[cli][distributed][ued]") {
  advlab::testing::TempDir dir;
  const fs::path run = dir / "run";
  const std::string log = (dir / "launch.log").string();
  const pid_t launcher = advlab::testing::StartInBackground(
      {"launch", "--nproc", "2", "--timeout", "20", "--", "paired", "--config",
       std::string(ADVLAB_SOURCE_DIR) + "/configs/paired_smoke.yaml", "train.updates=400",
       "train.checkpoint_every=1", "eval.episodes=0", "--out", run.string()},
      log);
  // Kill rank 1 once a checkpoint exists.
  pid_t victim = -1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (fs::exists(run / "checkpoints" / "latest.pt") &&
        (victim = advlab::testing::RankProcess(1, run.string())) > 0)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(victim > 0);
  advlab::testing::CheckKilledRankFailsLaunch(launcher, victim, log);
  CHECK_THAT(Read(run / "manifest.json"), Contains("\"failed\""));
  // The last whole checkpoint carries the run on, here with two ranks again.
  const auto resumed =
      Run("launch --nproc 2 --timeout 60 -- paired --resume " + run.string() + " train.updates=" +
          std::to_string(advlab::core::ReadCsv(run / "metrics.csv").rows.size() + 2));
  INFO(resumed.output);
  CHECK(resumed.status == 0);
}

TEST_CASE("paired under launch refuses bad input with status 2", "[cli][distributed][ued]") {
  advlab::testing::TempDir dir;
  const auto many =
      Run("launch --nproc 2 --timeout 20 -- paired" + Config("paired_smoke.yaml") +
          " ppo.worlds=1 ppo.minibatches=1 accel.parents=1 --out " + (dir / "x").string());
  CHECK(many.status == 2);
  CHECK_THAT(many.output, Contains("cannot be shared out among 2 ranks"));
  CHECK_FALSE(fs::exists(dir / "x"));
  // An --out that only rank 0 finds taken: the others, already waiting for
  // rank 0's weights, are stopped at once rather than after the timeout.
  fs::create_directories(dir / "taken");
  std::ofstream(dir / "taken" / "keep.txt") << "not a run\n";
  const auto started = std::chrono::steady_clock::now();
  const auto taken = Run("launch --nproc 2 --timeout 120 -- paired" + Config("paired_smoke.yaml") +
                         " --out " + (dir / "taken").string());
  INFO(taken.output);
  CHECK(taken.status == 2);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(60));
  CHECK(Read(dir / "taken" / "keep.txt") == "not a run\n");
}
