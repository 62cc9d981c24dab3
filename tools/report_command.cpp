#include <cstdio>

#include "core/atomic_file.h"
#include "core/error.h"
#include "report/html_report.h"
#include "tools/cli.h"
#include "tools/commands.h"

namespace advlab {
namespace {

constexpr const char* kHelp =
    R"(usage: advlab report RUN_DIR [RUN_DIR ...] --out FILE.html [--title TEXT] [--force]

Rebuilds one self-contained HTML report from one or more run directories
(their report.json, CSV tables and figures), without rerunning anything.
An existing FILE.html is replaced only with --force.
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
  std::string html =
      report::RenderHtml(title, runs, std::filesystem::absolute(*args.out).parent_path());
  core::WriteFileAtomically(*args.out, html);
  std::printf("report: %s (%zu run%s)\n", args.out->c_str(), runs.size(),
              runs.size() == 1 ? "" : "s");
  return 0;
}

}  // namespace advlab
