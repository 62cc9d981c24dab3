#include "tools/job_setup.h"

#include <tbb/global_control.h>

#include <cstdio>
#include <thread>

#include "core/build_info.h"
#include "core/error.h"
#include "tools/job.h"
#include "tools/torch_runtime.h"

namespace advlab {

core::Config LoadJobConfig(const std::string& job, const JobArgs& args) {
  std::filesystem::path path = args.config ? std::filesystem::path(*args.config)
                                           : ProjectHome() / "configs" / (job + ".yaml");
  return core::Config::Load(path, args.overrides);
}

std::shared_ptr<tbb::global_control> ApplyThreadSettings(core::Config& config,
                                                         ThreadSettings* settings) {
  ThreadSettings threads;
  threads.intra_op = static_cast<int>(config.Int("threads.intra_op", threads.intra_op, 1, 1024));
  threads.inter_op = static_cast<int>(config.Int("threads.inter_op", threads.inter_op, 1, 1024));
  threads.workers = static_cast<int>(config.Int("threads.workers", threads.workers, 0, 1024));
  ConfigureTorchThreads(threads.intra_op, threads.inter_op);
  int workers = threads.workers > 0
                    ? threads.workers
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (settings) *settings = threads;
  return std::make_shared<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                               workers);
}

report::RunDir StartRun(const std::string& job, const JobArgs& args, const core::Config& config,
                        uint64_t seed, const std::optional<std::filesystem::path>& out_override) {
  std::optional<std::filesystem::path> out = out_override;
  if (!out && args.out) out = *args.out;
  report::RunDir run = report::RunDir::Create(job, out);
  run.WriteConfig(config.ResolvedYaml());
  run.SetManifest("seed", seed);
  run.SetManifest("config_source", config.source());
  run.SetManifest("torch_parallel_info", TorchParallelInfo());
  run.Start();
  return run;
}

int RunJobCommand(const Job& job, const JobArgs& args) {
  if (args.help) {
    std::fputs(job.help, stdout);
    return 0;
  }
  if (!args.positional.empty()) {
    throw InputError(job.command + ": unexpected argument '" + args.positional.front() + "'");
  }
  job.run(args, std::nullopt);
  return 0;
}

}  // namespace advlab
