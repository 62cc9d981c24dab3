#include "report/run_dir.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "core/atomic_file.h"
#include "core/error.h"
#include "report/html_report.h"
#include "tests/temp_dir.h"

using advlab::report::RunDir;

TEST_CASE("run directory holds config and manifest", "[run_dir]") {
  advlab::testing::TempDir dir;
  RunDir run = RunDir::Create("forecast", dir / "run");
  run.WriteConfig("seed: 1\n");
  run.SetManifest("seed", 1);
  run.Start();
  auto manifest = nlohmann::json::parse(advlab::core::ReadFile(dir / "run" / "manifest.json"));
  CHECK(manifest["status"] == "running");
  run.Finish();
  manifest = nlohmann::json::parse(advlab::core::ReadFile(dir / "run" / "manifest.json"));
  CHECK(manifest["status"] == "complete");
  CHECK(manifest["job"] == "forecast");
  CHECK(manifest["seed"] == 1);
  CHECK(manifest["cores"].get<int>() >= 1);
  CHECK(manifest.contains("advlab_version"));
  CHECK(manifest.contains("git_commit"));
  CHECK(manifest["wall_seconds"].get<double>() >= 0);
  CHECK(std::filesystem::is_directory(dir / "run" / "figures"));
}

TEST_CASE("a non-empty run directory is never reused", "[run_dir]") {
  advlab::testing::TempDir dir;
  std::filesystem::create_directories(dir / "run");
  std::ofstream(dir / "run" / "keep.txt") << "precious";
  CHECK_THROWS_AS(RunDir::Create("forecast", dir / "run"), advlab::InputError);
  CHECK(advlab::core::ReadFile(dir / "run" / "keep.txt") == "precious");
}

TEST_CASE("a run that stops on an error says so in its manifest", "[run_dir]") {
  advlab::testing::TempDir dir;
  RunDir run = RunDir::Create("paired", dir / "run");
  run.Start();
  run.Fail("the device went away");
  auto manifest = nlohmann::json::parse(advlab::core::ReadFile(dir / "run" / "manifest.json"));
  CHECK(manifest["status"] == "failed");
  CHECK(manifest["failure"] == "the device went away");
  CHECK_FALSE(manifest["end_time"].is_null());
}

TEST_CASE("a file given as the run directory is named as a file", "[run_dir]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "afile") << "x";
  CHECK_THROWS_WITH(RunDir::Create("forecast", dir / "afile"),
                    Catch::Matchers::Contains("is a file"));
}

TEST_CASE("a run stopped by a signal says how to carry on", "[run_dir]") {
  advlab::testing::TempDir dir;
  RunDir run = RunDir::Create("paired", dir / "run");
  run.Start();
  run.Interrupt("advlab paired --resume run");
  auto manifest = nlohmann::json::parse(advlab::core::ReadFile(dir / "run" / "manifest.json"));
  CHECK(manifest["status"] == "interrupted");
  CHECK(manifest["interrupted"] == "advlab paired --resume run");
  CHECK(manifest["wall_seconds"].get<double>() >= 0);
}

TEST_CASE("the report's card shows the final status once the run ends", "[run_dir]") {
  advlab::testing::TempDir dir;
  RunDir run = RunDir::Create("forecast", dir / "run");
  run.Start();
  advlab::report::RunReport report;
  report.title = "T";
  advlab::report::WriteRunReport(report, dir / "run");
  CHECK(advlab::core::ReadFile(dir / "run" / "report.html").find("<dd>running</dd>") !=
        std::string::npos);
  run.Finish();
  const std::string html = advlab::core::ReadFile(dir / "run" / "report.html");
  CHECK(html.find("<dd>complete</dd>") != std::string::npos);
  CHECK(html.find("<dt>wall time</dt>") != std::string::npos);
}

TEST_CASE("a joined run's card lists its parts' seeds and links their configs", "[run_dir]") {
  advlab::testing::TempDir dir;
  RunDir demo = RunDir::Create("demo", dir / "demo");
  RunDir part = RunDir::Create("forecast", dir / "demo" / "forecast");
  part.SetManifest("seed", 7);
  part.WriteConfig("seed: 7\n");
  part.Start();
  CHECK(advlab::report::ManifestSeed(dir / "demo" / "forecast") == std::optional<uint64_t>(7));
  CHECK_FALSE(advlab::report::ManifestSeed(dir / "nowhere").has_value());
  std::ofstream(dir / "demo" / "forecast" / "fits.csv") << "a\n1\n";
  advlab::report::RunReport part_report;
  part_report.title = "Forecast";
  part_report.sections.emplace_back().TableCsv("fits.csv");
  advlab::report::WriteRunReport(part_report, dir / "demo" / "forecast");

  demo.SetManifest("seeds", nlohmann::json{{"forecast", 7}});
  demo.Start();
  advlab::report::RunReport report;
  report.title = "demo";
  report.sections.emplace_back().TableCsv("forecast/fits.csv");
  advlab::report::WriteRunReport(report, dir / "demo");
  const std::string html = advlab::core::ReadFile(dir / "demo" / "report.html");
  CHECK(html.find("<dt>seeds</dt><dd>forecast 7</dd>") != std::string::npos);
  CHECK(html.find("href=\"forecast/config.yaml\"") != std::string::npos);
  CHECK(html.find("href=\"forecast/report.html\"") != std::string::npos);
}

TEST_CASE("CSVs a report does not show as tables are still linked", "[run_dir]") {
  advlab::testing::TempDir dir;
  RunDir run = RunDir::Create("attack", dir / "run");
  run.Start();
  std::ofstream(dir / "run" / "sweep.csv") << "a\n1\n";
  std::ofstream(dir / "run" / "confusion.csv") << "a\n1\n";
  advlab::report::RunReport report;
  report.title = "T";
  report.sections.emplace_back().TableCsv("sweep.csv");
  advlab::report::WriteRunReport(report, dir / "run");
  const std::string html = advlab::core::ReadFile(dir / "run" / "report.html");
  CHECK(html.find("href=\"confusion.csv\"") != std::string::npos);
}
