#pragma once
// One directory per run: runs/<job>-<UTC time>/ (or --out) holding
//   config.yaml     the resolved config (defaults included)
//   manifest.json   version, commit, seed, times, cores, status
//   *.csv, figures/, report.json, report.html
// An existing non-empty directory is never reused, so nothing already
// written is overwritten by a second run.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace advlab::report {

class RunDir {
 public:
  // Creates the directory; `out` overrides runs/<job>-<UTC time>.
  static RunDir Create(const std::string& job, const std::optional<std::filesystem::path>& out);
  // An existing run (to resume it): its manifest is kept and extended.
  static RunDir Reopen(const std::filesystem::path& path);

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path figures() const { return path_ / "figures"; }

  void WriteConfig(const std::string& resolved_yaml) const;
  // Adds a field to manifest.json (written by Start and Finish).
  void SetManifest(const std::string& key, nlohmann::json value);
  // Writes the manifest with status "running"; Finish rewrites it with the
  // end time, the wall time and status "complete".
  void Start();
  void Finish();
  // Status "failed" with the reason, for a run that stopped on an error.
  void Fail(const std::string& reason);
  // Status "interrupted" (a signal stopped it) and how to carry on.
  void Interrupt(const std::string& how_to_continue);

 private:
  RunDir(std::string job, std::filesystem::path path);
  void End(const std::string& status);
  void WriteManifest() const;

  std::string job_;
  std::filesystem::path path_;
  nlohmann::json manifest_;
  std::chrono::steady_clock::time_point started_;
};

// "2026-11-27T04:20:18Z"
std::string UtcTimestamp();

// The seed in a run's manifest.json, if it has one.
std::optional<uint64_t> ManifestSeed(const std::filesystem::path& run);

}  // namespace advlab::report
