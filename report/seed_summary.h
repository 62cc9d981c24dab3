#pragma once
// Several runs of one job (different seeds, usually) joined by `advlab
// report`: how far apart their key numbers are and their learning curves as
// a mean with a +-1 sd band. The summary is written as a run directory of its
// own (report.json, key_numbers.csv, figures/), so the joined page shows it
// like any run, first.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace advlab::report {

struct KeyNumberSpread {
  std::string label;
  int runs = 0;  // runs whose value starts with a number
  double mean = 0, sd = 0, min = 0, max = 0;
};

// The number a key-number value starts with ("0.21 [0.16, 0.27]" -> 0.21,
// "41.2%" -> 41.2); nullopt when it starts with none.
std::optional<double> LeadingNumber(const std::string& value);

// The spread of each label every run has, in the first run's order (sample
// sd); labels some runs lack, or whose value is no number, are left out.
std::vector<KeyNumberSpread> SpreadOfKeyNumbers(const std::vector<std::filesystem::path>& runs);

// For every job that two or more of `runs` share (the same report title and
// config.yaml but for seed, threads and device), writes a summary directory
// under `dir` and returns it; a run given twice counts once. Figures need
// gnuplot; without it the report says so.
std::vector<std::filesystem::path> WriteSeedSummaries(
    const std::vector<std::filesystem::path>& runs, const std::filesystem::path& dir);

}  // namespace advlab::report
