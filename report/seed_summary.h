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

// Each label's spread over the runs that have it, in the first run's order
// (sample sd, 0 for one run).
std::vector<KeyNumberSpread> SpreadOfKeyNumbers(const std::vector<std::filesystem::path>& runs);

// For every report title that two or more of `runs` share, writes a summary
// directory under `dir` and returns it; runs with a title of their own get
// none. Figures need gnuplot; without it the report says so.
std::vector<std::filesystem::path> WriteSeedSummaries(
    const std::vector<std::filesystem::path>& runs, const std::filesystem::path& dir);

}  // namespace advlab::report
