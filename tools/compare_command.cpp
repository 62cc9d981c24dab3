#include <cstdio>

#include "core/error.h"
#include "paired/seed_comparison.h"
#include "report/run_dir.h"
#include "tools/cli.h"
#include "tools/commands.h"
#include "tools/job_setup.h"

namespace advlab {
namespace {

constexpr const char* kHelp = R"(usage: advlab compare RUN_DIR [RUN_DIR ...] [--out DIR]

Joins finished `advlab paired` runs into a comparison of UED methods over
seeds: each run's ued.method and seed (config.yaml), learning curve
(metrics.csv) and zero-shot solve rates (eval.csv); mean and sample standard
deviation per group, beside the published solve rates. Runs are grouped by
directory name without a trailing -s<seed> (tools/ued_compare.sh names them
<method>-s<seed>), otherwise by ued.method. Writes runs.csv,
methods.csv, solve_rates.csv, figures/ and report.html into DIR
(default runs/compare-<UTC time>).
)";

}  // namespace

int CompareCommand(const Args& argv) {
  JobArgs args = ParseJobArgs(argv);
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (args.positional.empty()) throw InputError("compare: give at least one RUN_DIR (see --help)");
  if (!args.overrides.empty()) {
    throw InputError("compare: unexpected argument '" + args.overrides.front() + "'");
  }
  // Every run is read before the output directory exists.
  std::vector<paired::ComparedRun> runs;
  for (const std::string& dir : args.positional) runs.push_back(paired::ReadComparedRun(dir));
  report::RunDir out = report::RunDir::Create("compare", args.out);
  out.Start();
  paired::ComparisonSummary summary =
      RecordFailure(out, [&] { return paired::WriteComparison(runs, out.path()); });
  out.Finish();
  std::printf("compare: %d runs of %d methods; report %s\n", summary.runs, summary.methods,
              (out.path() / "report.html").c_str());
  return 0;
}

}  // namespace advlab
