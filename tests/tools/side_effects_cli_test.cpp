// End-to-end: `advlab side-effects` as a user runs it.
#include <catch2/catch.hpp>
#include <fstream>

#include "core/csv_reader.h"
#include "tests/temp_dir.h"
#include "tests/tools/run_advlab.h"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;
using advlab::testing::Run;

namespace {

const std::string kSmoke =
    std::string("side-effects --config ") + ADVLAB_SOURCE_DIR + "/configs/side_effects_smoke.yaml ";

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// metrics.csv without its timing columns (sps, wall_seconds: the last two).
std::vector<std::vector<std::string>> Numbers(const fs::path& metrics) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : advlab::core::ReadCsv(metrics).rows) {
    rows.emplace_back(row.cells.begin(), row.cells.end() - 2);
  }
  return rows;
}

}  // namespace

TEST_CASE("side-effects trains AUP and writes its run directory", "[cli][side_effects]") {
  advlab::testing::TempDir dir;
  auto run = Run(kSmoke + "--out " + (dir / "run").string());
  INFO(run.output);
  REQUIRE(run.status == 0);
  for (const char* file : {"metrics.csv", "eval.csv", "report.html", "config.yaml",
                           "checkpoints/latest.pt", "figures/episode_level_00.png"}) {
    INFO(file);
    CHECK(fs::exists(dir / "run" / file));
  }
  auto metrics = advlab::core::ReadCsv(dir / "run" / "metrics.csv");
  // Two auxiliary rewards of 2 updates each, then 4 updates of the policy.
  REQUIRE(metrics.rows.size() == 8);
  CHECK(metrics.Number(metrics.rows[0], "aux_index") == 0);
  CHECK(metrics.Number(metrics.rows[2], "aux_index") == 1);
  CHECK(metrics.Cell(metrics.rows[4], "aux_index").empty());  // the task policy's rows
  CHECK(metrics.Number(metrics.rows[4], "lambda") == Approx(0.001));
  CHECK(metrics.Number(metrics.rows[7], "lambda") == Approx(0.001 + 0.099 * 480 / 640));
  CHECK(metrics.Number(metrics.rows[7], "policy_steps") == 640);
  auto eval = advlab::core::ReadCsv(dir / "run" / "eval.csv");
  for (const auto& row : eval.rows) {
    // An agent that does nothing changes nothing.
    if (row.cells[0] == "idle") CHECK(eval.Number(row, "side_effects") == 0);
  }
  CHECK_THAT(Read(dir / "run" / "report.html"), Contains("side-effect score"));

  // The same seed, the same run.
  REQUIRE(Run(kSmoke + "--out " + (dir / "again").string()).status == 0);
  CHECK(Numbers(dir / "run" / "metrics.csv") == Numbers(dir / "again" / "metrics.csv"));
  CHECK(Read(dir / "run" / "eval.csv") == Read(dir / "again" / "eval.csv"));
}

TEST_CASE("side-effects resumes from a checkpoint exactly", "[cli][side_effects][resume]") {
  // PPO from update 4 of 8; AUP from inside its first auxiliary phase
  // (after update 1: the Q fit's optimiser state must carry over too).
  const auto [args, from] =
      GENERATE(std::pair<std::string, int>{"agent.penalty=none train.steps=1280", 4},
               std::pair<std::string, int>{"train.checkpoint_every=1", 1});
  INFO(args);
  advlab::testing::TempDir dir;
  const std::string run = kSmoke + args + " --out ";
  REQUIRE(Run(run + (dir / "whole").string()).status == 0);
  REQUIRE(Run(run + (dir / "split").string()).status == 0);
  // As after a crash at update `from`: its checkpoint is the latest.
  const fs::path checkpoints = dir / "split" / "checkpoints";
  char numbered[32];
  std::snprintf(numbered, sizeof(numbered), "update_%06d.pt", from);
  fs::copy_file(checkpoints / numbered, checkpoints / "latest.pt",
                fs::copy_options::overwrite_existing);
  auto resumed = Run("side-effects --resume " + (dir / "split").string());
  INFO(resumed.output);
  REQUIRE(resumed.status == 0);
  CHECK_THAT(resumed.output, Contains("at update " + std::to_string(from)));
  CHECK(Numbers(dir / "whole" / "metrics.csv") == Numbers(dir / "split" / "metrics.csv"));
  CHECK(Read(dir / "whole" / "eval.csv") == Read(dir / "split" / "eval.csv"));
}

TEST_CASE("side-effects rejects bad input with status 2, writing nothing", "[cli][side_effects]") {
  advlab::testing::TempDir dir;
  auto penalty = Run(kSmoke + "agent.penalty=aupp --out " + (dir / "a").string());
  CHECK(penalty.status == 2);
  CHECK_THAT(penalty.output, Contains("agent.penalty"));
  auto crowded = Run(kSmoke + "levels.size=8 levels.targets=6 --out " + (dir / "b").string());
  CHECK(crowded.status == 2);
  CHECK_THAT(crowded.output, Contains("levels.size"));
  auto even = Run(kSmoke + "agent.view=12 --out " + (dir / "c").string());
  CHECK(even.status == 2);
  CHECK_THAT(even.output, Contains("agent.view"));
  for (const char* out : {"a", "b", "c"}) CHECK_FALSE(fs::exists(dir / out));

  REQUIRE(Run(kSmoke + "agent.penalty=none --out " + (dir / "run").string()).status == 0);
  const std::string metrics = Read(dir / "run" / "metrics.csv");
  auto fixed = Run("side-effects --resume " + (dir / "run").string() + " ppo.gamma=0.9");
  CHECK(fixed.status == 2);
  CHECK_THAT(fixed.output, Contains("ppo.gamma"));
  // An edited config.yaml does not fit the checkpoint: refused, naming the key.
  const std::string config = Read(dir / "run" / "config.yaml");
  const size_t hidden = config.find("hidden: 32");
  REQUIRE(hidden != std::string::npos);
  std::string edited = config;
  edited.replace(hidden, 10, "hidden: 64");
  std::ofstream(dir / "run" / "config.yaml") << edited;
  auto mismatch = Run("side-effects --resume " + (dir / "run").string());
  CHECK(mismatch.status == 2);
  CHECK_THAT(mismatch.output, Contains("agent.hidden: 32"));
  std::ofstream(dir / "run" / "config.yaml") << config;
  std::ofstream(dir / "run" / "checkpoints" / "latest.pt") << "not a checkpoint";
  auto corrupt = Run("side-effects --resume " + (dir / "run").string());
  CHECK(corrupt.status == 2);
  CHECK_THAT(corrupt.output, Contains("latest.pt"));
  CHECK(Read(dir / "run" / "metrics.csv") == metrics);  // nothing lost
}
