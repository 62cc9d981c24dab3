#include "report/metrics_log.h"

#include <catch2/catch.hpp>

#include "core/atomic_file.h"
#include "core/error.h"
#include "tests/temp_dir.h"

using advlab::report::MetricsLog;

TEST_CASE("metrics log writes the header once and appends after a restart", "[metrics]") {
  advlab::testing::TempDir dir;
  auto path = dir / "metrics.csv";
  {
    MetricsLog log(path, {"step", "loss"});
    log.Append({1, 0.5});
    // Flushed per row: visible before the log is closed.
    CHECK(advlab::core::ReadFile(path) == "step,loss\n1,0.5\n");
  }
  {
    MetricsLog log(path, {"step", "loss"});
    log.Append({2, 0.25});
  }
  CHECK(advlab::core::ReadFile(path) == "step,loss\n1,0.5\n2,0.25\n");
  CHECK_THROWS_AS(MetricsLog(path, {"step", "other"}), advlab::InputError);
  CHECK(advlab::core::ReadFile(path) == "step,loss\n1,0.5\n2,0.25\n");
}
