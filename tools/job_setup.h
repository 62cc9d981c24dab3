#pragma once
// What every job does around its own work: load the config (default
// configs/<job>.yaml), apply the thread settings, create the run directory,
// write config.yaml and the manifest, and mark the run complete.
//
//   threads.intra_op  1   LibTorch intra-op threads
//   threads.inter_op  1   LibTorch inter-op threads
//   threads.workers   0   TBB workers (0: one per core)
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <tbb/global_control.h>

#include "core/config.h"
#include "core/interrupt.h"
#include "report/run_dir.h"
#include "tools/cli.h"

namespace advlab {

struct ThreadSettings {
  int intra_op = 1, inter_op = 1, workers = 0;
};

core::Config LoadJobConfig(const std::string& job, const JobArgs& args);
// Reads threads.* and applies them (TBB limit held by the returned object).
std::shared_ptr<tbb::global_control> ApplyThreadSettings(core::Config& config,
                                                         ThreadSettings* settings = nullptr);

// A job's config and options, read and validated before anything is written
// (the thread limit lives as long as the setup).
template <typename Options>
struct JobSetup {
  core::Config config;
  std::shared_ptr<tbb::global_control> threads;
  Options options;
};

// Loads the job's config, applies threads.*, reads the options with `read`
// and rejects unknown keys: the steps every job shares.
template <typename Options, typename Read>
JobSetup<Options> SetUpJob(const std::string& job, const JobArgs& args, Read read) {
  JobSetup<Options> setup{LoadJobConfig(job, args), nullptr, Options{}};
  setup.threads = ApplyThreadSettings(setup.config);
  setup.options = read(setup.config);
  setup.config.RejectUnknownKeys();
  return setup;
}

// Runs `body` for a started run: an error marks its manifest "failed" with
// the reason, a signal "interrupted" (the demo around a stopped job), before
// it propagates.
template <typename Body>
auto RecordFailure(report::RunDir& run, Body body) -> decltype(body()) {
  try {
    return body();
  } catch (const core::Interrupted& e) {
    run.Interrupt(e.what());
    throw;
  } catch (const std::exception& e) {
    run.Fail(e.what());
    throw;
  }
}

// Creates the run directory once the config has been fully validated.
report::RunDir StartRun(const std::string& job, const JobArgs& args, const core::Config& config,
                        uint64_t seed,
                        const std::optional<std::filesystem::path>& out_override = std::nullopt);

}  // namespace advlab
