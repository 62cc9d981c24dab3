// Benchmark of the full default forecast job: every benchmark and category,
// every curve family, 1000 bootstrap resamples, all backtests.
//
//   forecast_bench [--repeats N] [--config FILE]
//
// Prints the machine's core count, the analysis time (median of N) and the
// time of one whole job including every CSV, figure and the report.
#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "core/build_info.h"
#include "core/config.h"
#include "forecasting/analysis.h"
#include "forecasting/forecast_job.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace advlab;
  int repeats = 5;
  std::filesystem::path config_path = ProjectHome() / "configs" / "forecast.yaml";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--repeats")) repeats = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--config")) config_path = argv[i + 1];
  }
  core::Config config = core::Config::Load(config_path, {});
  forecasting::ForecastOptions options = forecasting::ReadForecastOptions(config);
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());

  auto load_start = Clock::now();
  forecasting::Dataset data = forecasting::LoadDataset(options.data);
  double load_seconds = Seconds(load_start);

  std::printf(
      "forecast_bench: %u cores, %zu benchmark series, %zu categories, %zu families, "
      "%d bootstrap resamples\n",
      cores, data.benchmarks.size(), data.categories.size(), options.families.size(),
      options.bootstrap);
  std::printf("  load data                      %8.3f s\n", load_seconds);
  for (unsigned threads : {1u, cores}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    std::vector<double> times;
    for (int r = 0; r < repeats; ++r) {
      auto start = Clock::now();
      forecasting::Analysis analysis = forecasting::Analyse(data, options);
      times.push_back(Seconds(start));
    }
    std::sort(times.begin(), times.end());
    std::printf("  analysis, %u thread%s          %8.3f s (median of %d)\n", threads,
                threads == 1 ? " " : "s", times[times.size() / 2], repeats);
    if (cores == 1) break;
  }
  std::filesystem::path out = std::filesystem::temp_directory_path() /
                              ("advlab-forecast-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(out);
  auto start = Clock::now();
  forecasting::RunForecast(options, data, out);
  std::printf("  whole job (CSVs, figures, report) %5.3f s\n", load_seconds + Seconds(start));
  std::filesystem::remove_all(out);
  return 0;
}
