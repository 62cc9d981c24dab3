#pragma once
// Joins finished UED runs (`advlab compare RUN...`) into a comparison of
// methods (or variants, grouped by directory name) over seeds: each run's
// ued.method and seed from its config.yaml,
// its learning curve from metrics.csv and its zero-shot solve rates from
// eval.csv; means and sample standard deviations over the seeds of each
// method, beside the published solve rates. Writes into `out_dir`:
//   runs.csv          one row per run
//   methods.csv       per method: seeds, held-out mean solve rate (mean, sd),
//                     final training solved rate, steps, student updates, time
//   solve_rates.csv   per maze: <method>_mean, <method>_sd, published columns
//   figures/          training solved rate and level shortest path against
//                     protagonist steps, mean with a +-1 sd band per method
//   report.json/html  summary first
// Torch-free; bad or missing run files are InputErrors naming the file.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/csv_reader.h"

namespace advlab::paired {

struct ComparedRun {
  std::filesystem::path dir;
  std::string method;
  // What the run is compared as: its directory name without a trailing
  // "-s<seed>" (tools/ued_compare.sh names runs <method>-s<seed>), else its method.
  std::string group;
  long long seed = 0;
  core::CsvTable metrics;
  std::map<std::string, double> solve_rate;  // maze -> rate (empty without eval.csv)
  std::vector<std::string> mazes;            // in eval.csv order
  double final_solved_rate = 0;              // last tenth of the updates
  double env_steps = 0, student_updates = 0, seconds = 0;
};

// Reads one finished run; InputError naming the file when anything is off.
ComparedRun ReadComparedRun(const std::filesystem::path& dir);

struct ComparisonSummary {
  int runs = 0, methods = 0;
};

ComparisonSummary WriteComparison(const std::vector<ComparedRun>& runs,
                                  const std::filesystem::path& out_dir);

}  // namespace advlab::paired
