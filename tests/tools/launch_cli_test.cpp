// End-to-end: `advlab launch` and a job sharded over two ranks on loopback.
#include <signal.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/temp_dir.h"
#include "tests/tools/run_advlab.h"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;
using advlab::testing::Run;

namespace {

constexpr auto Read = advlab::testing::ReadFile;

// A small PAIRED checkpoint to evaluate.
fs::path TrainedCheckpoint(const fs::path& dir) {
  const auto trained = Run(std::string("paired --config ") + ADVLAB_SOURCE_DIR +
                           "/configs/paired_smoke.yaml --out " + (dir / "train").string());
  REQUIRE(trained.status == 0);
  return dir / "train" / "checkpoints" / "latest.pt";
}

}  // namespace

TEST_CASE("eval over two ranks writes what one process writes", "[cli][distributed]") {
  advlab::testing::TempDir dir;
  const std::string eval = "eval " + TrainedCheckpoint(dir.path()).string() +
                           " --mazes Maze,FourRooms,SixteenRooms --episodes 6 --out ";
  REQUIRE(Run(eval + (dir / "one").string()).status == 0);
  auto two = Run("launch --nproc 2 --timeout 60 -- " + eval + (dir / "two").string());
  INFO(two.output);
  REQUIRE(two.status == 0);
  CHECK_THAT(two.output, Contains("2 ranks"));
  CHECK(Read(dir / "one" / "eval.csv") == Read(dir / "two" / "eval.csv"));
  for (const char* maze : {"Maze", "FourRooms", "SixteenRooms"}) {
    const fs::path png = fs::path("trajectories") / (std::string(maze) + ".png");
    CHECK(Read(dir / "one" / png) == Read(dir / "two" / png));
  }
  CHECK_THAT(Read(dir / "two" / "manifest.json"), Contains("\"ranks\": 2"));
}

TEST_CASE("an attack sweep over two ranks writes what one process writes", "[cli][distributed]") {
  advlab::testing::TempDir dir;
  const std::string configs = std::string(ADVLAB_SOURCE_DIR) + "/configs/";
  REQUIRE(Run("clip train --config " + configs + "clip_smoke.yaml --out " + (dir / "clip").string())
              .status == 0);
  // Random starts (APGD), random search (Square) and a deterministic attack.
  const std::string attack = "attack --config " + configs + "attack_smoke.yaml model.checkpoint=" +
                             (dir / "clip" / "checkpoints" / "model.pt").string() +
                             " sweep.attacks=[apgd_linf,square_linf,fgsm_linf]"
                             " sweep.linf_epsilons_255=[8] square.queries=50 --out ";
  REQUIRE(Run(attack + (dir / "one").string()).status == 0);
  auto two = Run("launch --nproc 2 -- " + attack + (dir / "two").string());
  INFO(two.output);
  REQUIRE(two.status == 0);
  for (const char* file : {"confusion.csv", "relabel_pairs.csv", "relabel_summary.csv",
                           "checks.csv", "adversarial_examples.csv", "adversarial_grid.png"}) {
    INFO(file);
    CHECK(Read(dir / "one" / file) == Read(dir / "two" / file));
  }
  // sweep.csv: all but the last column, the wall time.
  auto without_seconds = [&](const fs::path& csv) {
    std::string text = Read(csv), out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
      out += line.substr(0, line.rfind(',')) + "\n";
    return out;
  };
  CHECK(without_seconds(dir / "one" / "sweep.csv") == without_seconds(dir / "two" / "sweep.csv"));
}

TEST_CASE("a rank that never arrives is named within the timeout", "[cli][distributed]") {
  advlab::testing::TempDir dir;
  const auto started = std::chrono::steady_clock::now();
  // Rank 0 of 2 alone; port 1 is never free for a store, so use a high one.
  auto alone = Run("eval " + TrainedCheckpoint(dir.path()).string() +
                   " --mazes Maze --episodes 2 --out " + (dir / "eval").string());
  REQUIRE(alone.status == 0);
  auto lonely =
      Run("launch --nproc 1 --nnodes 2 --node-rank 0 --master-port 29677 --timeout 3 -- "
          "eval " +
          (dir / "train" / "checkpoints" / "latest.pt").string() +
          " --mazes Maze --episodes 2 --out " + (dir / "lonely").string());
  INFO(lonely.output);
  CHECK(lonely.status != 0);
  CHECK_THAT(lonely.output, Contains("rank(s) 1 never arrived within 3 s"));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(60));
  CHECK_FALSE(fs::exists(dir / "lonely"));  // nothing written before everyone arrived
}

TEST_CASE("a rank killed mid-run stops the job with a message naming it", "[cli][distributed]") {
  advlab::testing::TempDir dir;
  const std::string checkpoint = TrainedCheckpoint(dir.path()).string();
  const std::string log = (dir / "launch.log").string();
  const pid_t launcher = advlab::testing::StartInBackground(
      {"launch", "--nproc", "2", "--timeout", "20", "--", "eval", checkpoint, "--mazes", "all",
       "--episodes", "400", "--out", (dir / "eval").string()},
      log);
  // Kill rank 1 once it is evaluating (the launcher has printed its line).
  pid_t victim = -1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (Read(log).find("launch: 2 ranks") != std::string::npos &&
        (victim = advlab::testing::RankProcess(1, checkpoint)) > 0)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(victim > 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // past joining the group
  advlab::testing::CheckKilledRankFailsLaunch(launcher, victim, log);
}

TEST_CASE("Ctrl-C under launch keeps the mazes every rank finished", "[cli][distributed]") {
  advlab::testing::TempDir dir;
  const std::string checkpoint = TrainedCheckpoint(dir.path()).string();
  const std::string log = (dir / "launch.log").string();
  const pid_t launcher = advlab::testing::StartInBackground(
      {"launch", "--nproc", "2", "--timeout", "30", "--", "eval", checkpoint, "--mazes", "all",
       "--episodes", "400", "--out", (dir / "eval").string()},
      log);
  // Once a maze is done somewhere (progress lines are per minute in a log,
  // so wait for the group to form and give it a few seconds).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (Read(log).find("launch: 2 ranks") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::this_thread::sleep_for(std::chrono::seconds(4));
  kill(launcher, SIGINT);
  int status = 0;
  waitpid(launcher, &status, 0);
  INFO(Read(log));
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK_THAT(Read(dir / "eval" / "manifest.json"), Contains("\"interrupted\""));
  CHECK(fs::exists(dir / "eval" / "eval.csv"));
}

TEST_CASE("launch rejects bad usage with status 2", "[cli][distributed]") {
  CHECK(Run("launch --help").status == 0);
  CHECK(Run("launch -- eval x.pt").status == 2);                       // no --nproc
  CHECK(Run("launch --nproc 2").status == 2);                          // no job
  CHECK(Run("launch --nproc 2 -- launch").status == 2);                // no recursion
  CHECK(Run("launch --nproc 2 --nnodes 2 -- eval x.pt").status == 2);  // no fixed port
  // Jobs that do not share their work refuse to run as copies.
  auto copies = Run("launch --nproc 2 --timeout 5 -- forecast --out /nonexistent/x");
  CHECK(copies.status == 2);
  CHECK_THAT(copies.output, Contains("forecast does not run distributed"));
}
