#pragma once
// An append-only CSV of per-step metrics: the header is written once, every
// row is flushed as it is added (a crash loses at most the row in flight),
// and reopening an existing log after a restart appends to it after checking
// that the columns match.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace advlab::report {

class MetricsLog {
 public:
  MetricsLog(const std::filesystem::path& path, std::vector<std::string> columns);
  void Append(const std::vector<double>& values);
  // Drops the rows whose first column exceeds `last` (a run resumed from an
  // earlier checkpoint must not keep the rows it will write again).
  static void TruncateAfter(const std::filesystem::path& path, double last);
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  std::vector<std::string> columns_;
  std::ofstream out_;
};

}  // namespace advlab::report
