#include "tools/job_setup.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "tests/temp_dir.h"

namespace {

std::string Status(const std::filesystem::path& run) {
  return nlohmann::json::parse(advlab::core::ReadFile(run / "manifest.json"))["status"];
}

}  // namespace

TEST_CASE("a job that fails after its run started says so in the manifest", "[job]") {
  advlab::testing::TempDir dir;
  advlab::report::RunDir run = advlab::report::RunDir::Create("forecast", dir / "run");
  run.Start();
  CHECK(advlab::RecordFailure(run, [] { return 7; }) == 7);
  CHECK(Status(dir / "run") == "running");
  CHECK_THROWS_AS(advlab::RecordFailure(run, []() -> int { throw std::runtime_error("disk"); }),
                  std::runtime_error);
  CHECK(Status(dir / "run") == "failed");
}

TEST_CASE("an interrupted job keeps its own status", "[job]") {
  advlab::testing::TempDir dir;
  advlab::report::RunDir run = advlab::report::RunDir::Create("paired", dir / "run");
  run.Start();
  auto stopped = [&]() -> int {
    run.Interrupt("advlab paired --resume run");
    throw advlab::core::Interrupted("stopped");
  };
  CHECK_THROWS_AS(advlab::RecordFailure(run, stopped), advlab::core::Interrupted);
  CHECK(Status(dir / "run") == "interrupted");
}
