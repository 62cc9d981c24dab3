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

#include "report/config.h"
#include "report/run_dir.h"
#include "tools/cli.h"

namespace advlab {

struct ThreadSettings {
  int intra_op = 1, inter_op = 1, workers = 0;
};

report::Config LoadJobConfig(const std::string& job, const JobArgs& args);
// Reads threads.* and applies them (TBB limit held by the returned object).
std::shared_ptr<tbb::global_control> ApplyThreadSettings(report::Config& config,
                                                         ThreadSettings* settings = nullptr);

// Creates the run directory once the config has been fully validated.
report::RunDir StartRun(const std::string& job, const JobArgs& args, const report::Config& config,
                        uint64_t seed,
                        const std::optional<std::filesystem::path>& out_override = std::nullopt);

}  // namespace advlab
