// Benchmark of student training: environment steps per second through a full
// PPO cycle (rollout of 32 worlds x 256 steps, then 5 epochs of PPO) and
// seconds per update, at the reference network size (LSTM 256, 7 actions) and
// at the demo size (LSTM 64, 3 actions), with 1 and 2 LibTorch threads.
//
//   paired_bench [--updates N]   (timed updates per row after one warm-up, default 3)
#include <ATen/Parallel.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <thread>

#include "envs/generators.h"
#include "nn/allocator.h"
#include "paired/student_agent.h"

namespace {

using namespace advlab;
using Clock = std::chrono::steady_clock;

struct Timing {
  double collect = 0, update = 0;
};

Timing Measure(const paired::StudentNetOptions& net, int updates) {
  rl::PpoSettings ppo;  // reference: 32 worlds x 256 steps, 5 epochs, 1 minibatch
  envs::LevelBatch levels(ppo.worlds, 15, 15);
  std::mt19937_64 rng(1);
  torch::manual_seed(1);
  paired::StudentAgent agent(&levels, net, ppo, 1, torch::kCPU);
  Timing timing;
  for (int u = -1; u < updates; ++u) {
    for (int i = 0; i < levels.count(); ++i)
      levels.Set(i, envs::MakeGenerated("dr_uniform", rng, 25));
    auto t0 = Clock::now();
    agent.Collect();
    auto t1 = Clock::now();
    agent.Update();
    auto t2 = Clock::now();
    if (u < 0) continue;  // warm-up
    timing.collect += std::chrono::duration<double>(t1 - t0).count() / updates;
    timing.update += std::chrono::duration<double>(t2 - t1).count() / updates;
  }
  return timing;
}

}  // namespace

int main(int argc, char** argv) {
  int updates = 3;
  for (int i = 1; i + 1 < argc; ++i) {
    if (!std::strcmp(argv[i], "--updates")) updates = std::max(1, std::atoi(argv[i + 1]));
  }
  nn::KeepFreedMemory();
  at::set_num_interop_threads(1);
  std::printf(
      "paired_bench: %u cores; one student, 32 worlds x 256 steps per update, 5 PPO epochs\n",
      std::max(1u, std::thread::hardware_concurrency()));
  std::printf("%-26s %7s %12s %12s %12s %14s\n", "network", "threads", "rollout s", "PPO s",
              "s/update", "env steps/s");
  paired::StudentNetOptions reference;  // LSTM 256, 7 actions
  paired::StudentNetOptions demo;
  demo.hidden = 64;
  demo.actions = 3;
  for (int threads : {1, 2}) {
    at::set_num_threads(threads);
    for (auto [name, net] :
         {std::pair{"reference (LSTM 256, 7)", reference}, std::pair{"demo (LSTM 64, 3)", demo}}) {
      Timing t = Measure(net, updates);
      double total = t.collect + t.update;
      std::printf("%-26s %7d %12.3f %12.3f %12.3f %14.0f\n", name, threads, t.collect, t.update,
                  total, 32 * 256 / total);
    }
  }
  return 0;
}
