#include <cstdio>

#include "core/atomic_file.h"
#include "core/error.h"
#include "report/html_report.h"
#include "report/seed_summary.h"
#include "tools/cli.h"
#include "tools/commands.h"

namespace advlab {
namespace {

constexpr const char* kHelp =
    R"(usage: advlab report RUN_DIR [RUN_DIR ...] --out FILE.html [--title TEXT] [--force]

Rebuilds one self-contained HTML report from one or more run directories
(their report.json, CSV tables and figures), without rerunning anything.
Runs of one experiment (the same report title and the same config.yaml but
for seed, threads and device: several seeds, usually) are summarised first: each key number's mean, sd, min and max over the runs, and the job's
learning curves as a mean with a +-1 sd band. That summary is kept beside the
page in FILE_seeds/ (CSV, figures). An existing FILE.html is replaced only
with --force.
)";

}  // namespace

int ReportCommand(const Args& argv) {
  JobArgs args = ParseJobArgs(argv);
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (args.positional.empty()) throw InputError("report: give at least one RUN_DIR (see --help)");
  if (!args.out) throw InputError("report: --out FILE.html is required");
  RefuseOverwrite(args, *args.out);
  if (!args.overrides.empty()) {
    throw InputError("report: unexpected argument '" + args.overrides.front() + "'");
  }
  std::vector<std::filesystem::path> runs(args.positional.begin(), args.positional.end());
  for (const auto& run : runs) {
    if (!std::filesystem::is_directory(run)) throw InputError(run.string() + ": not a directory");
  }
  std::string title =
      args.title.value_or(runs.size() == 1 ? "advlab report" : "advlab robustness report");
  const std::filesystem::path page = std::filesystem::absolute(*args.out);
  std::filesystem::path seeds_dir = page;
  seeds_dir.replace_filename(page.stem().string() + "_seeds");
  std::vector<std::filesystem::path> summaries = report::WriteSeedSummaries(runs, seeds_dir);
  runs.insert(runs.begin(), summaries.begin(), summaries.end());
  std::string html = report::RenderHtml(title, runs, page.parent_path());
  core::WriteFileAtomically(*args.out, html);
  std::printf("report: %s (%zu run%s)\n", args.out->c_str(), runs.size() - summaries.size(),
              runs.size() - summaries.size() == 1 ? "" : "s");
  for (const auto& summary : summaries)
    std::printf("report: spread over runs in %s\n", summary.c_str());
  return 0;
}

}  // namespace advlab
