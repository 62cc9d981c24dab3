// side_effects_bench: the side-effects job's training speed per phase, in
// environment steps per second (rollout, scoring of finished episodes and
// the PPO update together), at the default config (configs/side_effects.yaml:
// 12x12 prune levels, 16 worlds x 20 steps, 1 LibTorch thread):
//   auxiliary phase   an auxiliary agent learning R_aux and its Q head
//   PPO               the task policy without penalty
//   AUP n = 1, 4      the task policy paying AUP's penalty (n extra forwards)
// The world's own speed and the side-effect score's cost: envs_bench.
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "side_effects/side_effects_trainer.h"

namespace {

using advlab::side_effects::Penalty;
using advlab::side_effects::SideEffectsOptions;
using advlab::side_effects::SideEffectsTrainer;

// Steps per second over `updates` updates after `skip` (warm-up, or the
// auxiliary phase when measuring the policy).
double StepsPerSecond(const SideEffectsOptions& options, int skip, int updates) {
  SideEffectsTrainer trainer(options, torch::kCPU);
  for (int i = 0; i < skip; ++i) trainer.Iterate();
  const int64_t before = trainer.env_steps();
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < updates; ++i) trainer.Iterate();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return static_cast<double>(trainer.env_steps() - before) / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const int updates = argc > 1 ? std::atoi(argv[1]) : 100;
  torch::set_num_threads(1);
  const SideEffectsOptions base;  // the defaults of configs/side_effects.yaml
  std::printf(
      "side_effects_bench: %u cores, 1 LibTorch thread; %dx%d %s levels, %d worlds x %d "
      "steps, %d updates each\n",
      std::thread::hardware_concurrency(), base.task.size, base.task.size, base.task.task.c_str(),
      base.ppo.worlds, base.ppo.steps, updates);
  std::printf("%-22s %12s\n", "phase", "steps/s");
  SideEffectsOptions aux = base;
  aux.aup.aux_steps = static_cast<int64_t>(updates + 5) * base.ppo.worlds * base.ppo.steps;
  std::printf("%-22s %12.0f\n", "auxiliary (Q_aux)", StepsPerSecond(aux, 5, updates));
  SideEffectsOptions ppo = base;
  ppo.penalty = Penalty::kNone;
  std::printf("%-22s %12.0f\n", "PPO", StepsPerSecond(ppo, 5, updates));
  for (int n : {1, 4}) {
    SideEffectsOptions aup = base;
    aup.aup.aux_rewards = n;
    aup.aup.aux_steps = 1;  // one update each, then the policy
    char label[32];
    std::snprintf(label, sizeof(label), "AUP policy, n = %d", n);
    std::printf("%-22s %12.0f\n", label, StepsPerSecond(aup, n + 5, updates));
  }
  return 0;
}
