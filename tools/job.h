#pragma once
// One interface for the jobs that run from a config into a run directory
// (forecast, paired, clip train, attack), so the command line and the demo
// drive them the same way and each *_command.cpp keeps only what is its own:
// the help, how its options and inputs are read, how it runs and what it
// prints.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "tools/cli.h"

namespace advlab {

struct Job {
  std::string name;     // its run directories and default config, configs/<name>.yaml
  std::string command;  // as typed, for messages: "clip train"
  const char* help = "";
  // Reads the config and every input the job needs before anything is
  // written: an InputError here leaves no trace.
  std::function<void(const JobArgs&)> check;
  // Runs into `out` (default: --out, else runs/<name>-<UTC time>) and
  // returns the run directory.
  std::function<std::string(const JobArgs&, const std::optional<std::filesystem::path>&)> run;
};

const Job& ForecastJob();
const Job& PairedJob();
const Job& ClipTrainJob();
const Job& AttackJob();
const Job& SideEffectsJob();
const Job& LanguageFeedbackJob();
const Job& LanguageShapingJob();
const Job& CraftingJob();

// The command around a job: --help, no stray arguments, then run.
int RunJobCommand(const Job& job, const JobArgs& args);

}  // namespace advlab
