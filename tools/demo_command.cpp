#include <cstdio>

#include "report/error.h"
#include "report/html_report.h"
#include "report/run_dir.h"
#include "tools/commands.h"
#include "tools/job_setup.h"

namespace advlab {

std::string RunForecastJob(const JobArgs& args, const std::optional<std::filesystem::path>& out);

namespace {

constexpr const char* kHelp = R"(usage: advlab demo [--out DIR] [JOB.key=value ...]

Runs every module's job on its default config into one directory
(default runs/demo-<UTC time>) with one joined report.html:
  forecast/   GPT-N extrapolation (configs/forecast.yaml)

Overrides are prefixed with the job name, e.g. forecast.fit.bootstrap=200.
)";

const char* const kJobs[] = {"forecast"};

}  // namespace

int DemoCommand(const Args& argv) {
  JobArgs args = ParseJobArgs(argv);
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (args.config) throw InputError("demo: --config is not accepted; use JOB.key=value overrides");
  if (!args.positional.empty()) {
    throw InputError("demo: unexpected argument '" + args.positional.front() + "'");
  }
  JobArgs forecast_args;
  for (const std::string& item : args.overrides) {
    std::string prefix = item.substr(0, item.find('.'));
    if (prefix == "forecast") {
      forecast_args.overrides.push_back(item.substr(prefix.size() + 1));
    } else {
      throw InputError("demo: override '" + item + "' must start with a job name (forecast.)");
    }
  }

  report::RunDir demo = report::RunDir::Create("demo", args.out ? std::optional(std::filesystem::path(*args.out))
                                                                : std::nullopt);
  demo.SetManifest("jobs", kJobs);
  demo.Start();
  std::printf("demo: %s\n", demo.path().c_str());

  report::RunReport joined;
  joined.title = "advlab demo";
  RunForecastJob(forecast_args, demo.path() / "forecast");
  report::RunReport forecast = report::RunReport::Load(demo.path() / "forecast");
  for (report::ReportSection section : forecast.sections) {
    section.title = forecast.title + ": " + section.title;
    for (report::ReportBlock& block : section.blocks) {
      if (block.kind != report::ReportBlock::Kind::kText) block.content = "forecast/" + block.content;
    }
    joined.sections.push_back(std::move(section));
  }
  report::WriteRunReport(joined, demo.path());
  demo.Finish();
  std::printf("demo: report %s\n", (demo.path() / "report.html").c_str());
  return 0;
}

}  // namespace advlab
