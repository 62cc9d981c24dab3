// Benchmark of one UED iteration per method, driven through the same unit
// as the training job (paired::UedRunner). For the level-replay methods the
// buffer is kept small (two batches, replay from half full) so that replay
// iterations start at once; new-level and replay iterations are timed apart,
// since PLR-perp and ACCEL skip the gradient step on new levels and ACCEL
// plays a second (edited) batch after each replay. Throughput is counted as
// the reference counts it: protagonist steps, edit rollouts included.
//
//   ued_bench [--iterations N] [--reference] [--methods a,b,...] [--dense-teacher]
//             [--threads N] [--teacher-walls N] [--profile TRACE.json]
//     N timed iterations per method after one warm-up (default 6); --reference
//     uses the reference sizes (students LSTM 256 with 7 actions, teacher conv
//     128 + LSTM 256 for PAIRED, conv 128 without LSTM for REPAIRED), which
//     take seconds to minutes per iteration here. --dense-teacher computes the
//     teacher's LSTM input projection densely (the reference computation),
//     --threads sets LibTorch's intra-op threads per agent, --teacher-walls the
//     PAIRED teacher's walls at the reference sizes (50), --profile writes
//     LibTorch's operator trace of the timed iterations (chrome://tracing).
#include <ATen/Parallel.h>
#include <torch/csrc/autograd/profiler_legacy.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "nn/allocator.h"
#include "paired/ued_runner.h"

namespace {

using namespace advlab;

paired::TrainOptions Options(const std::string& method, bool reference, int teacher_walls) {
  paired::TrainOptions o;
  o.method = paired::UedMethodFromName(method);
  o.seed = 1;
  o.levels.walls = method == "accel" ? 0 : 25;
  o.levels.uniform_walls = !reference;
  o.teacher_world.walls = reference && method == "paired" ? teacher_walls : 25;
  o.replay.capacity = 2 * o.ppo.worlds;
  o.replay.min_fill = 0.5;
  o.replay.replay_prob = method == "accel" ? 0.8 : (method == "repaired" ? 0.95 : 0.5);
  o.score_function = method == "accel" ? "positive_value_loss" : "grounded_signed_value_loss";
  if (!reference) {
    o.student.hidden = 64;
    o.student.actions = 3;
    o.teacher_net.conv_channels = 8;
    o.teacher_net.recurrent = "none";
  } else if (method == "repaired") {
    o.teacher_net.recurrent = "none";  // dcd mg_25b_repaired
  }
  o.teacher_ppo.worlds = o.ppo.worlds;
  return o;
}

struct Timing {
  double new_seconds = 0, replay_seconds = 0;
  int new_count = 0, replay_count = 0;
  int64_t steps = 0;
  double seconds = 0;
  paired::IterationResult::Phases phases;  // summed over the timed iterations
};

Timing Measure(const paired::TrainOptions& options, int iterations, const std::string& profile) {
  paired::UedRunner runner(options, torch::kCPU);
  runner.Iterate();  // warm-up (and the buffer's first batch)
  // LibTorch's operator profiler over the timed iterations (a Chrome trace).
  std::optional<torch::autograd::profiler::RecordProfile> profiler;
  if (!profile.empty()) profiler.emplace(profile);
  Timing t;
  for (int i = 0; i < iterations; ++i) {
    paired::IterationResult r = runner.Iterate();
    (r.replay ? t.replay_seconds : t.new_seconds) += r.seconds;
    (r.replay ? t.replay_count : t.new_count) += 1;
    t.steps += r.env_steps;
    t.seconds += r.seconds;
    t.phases.levels += r.phases.levels;
    t.phases.rollouts += r.phases.rollouts;
    t.phases.teacher_update += r.phases.teacher_update;
    t.phases.student_updates += r.phases.student_updates;
  }
  return t;
}

std::string PerIteration(double seconds, int count) {
  if (!count) return "-";
  char text[32];
  std::snprintf(text, sizeof(text), "%.2f (%d)", seconds / count, count);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  int iterations = 6;
  bool reference = false;
  bool dense_teacher = false;
  int threads = 1;
  std::string profile;
  int teacher_walls = 50;
  std::vector<std::string> methods = {"dr", "paired", "plr", "plr_perp", "accel", "repaired"};
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--reference")) reference = true;
    if (!std::strcmp(argv[i], "--dense-teacher")) dense_teacher = true;
    if (!std::strcmp(argv[i], "--profile") && i + 1 < argc) profile = argv[i + 1];
    if (!std::strcmp(argv[i], "--teacher-walls") && i + 1 < argc) {
      teacher_walls = std::max(1, std::atoi(argv[i + 1]));
    }
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) {
      threads = std::max(1, std::atoi(argv[i + 1]));
    }
    if (!std::strcmp(argv[i], "--iterations") && i + 1 < argc) {
      iterations = std::max(1, std::atoi(argv[i + 1]));
    }
    if (!std::strcmp(argv[i], "--methods") && i + 1 < argc) {
      methods.clear();
      std::stringstream list(argv[i + 1]);
      for (std::string m; std::getline(list, m, ',');) methods.push_back(m);
    }
  }
  at::set_num_threads(threads);
  at::set_num_interop_threads(1);
  nn::KeepFreedMemory();
  std::printf(
      "ued_bench: %u cores; %s sizes; 32 worlds x 256 steps; %d LibTorch thread(s) per agent, "
      "students concurrent; teacher projection %s%s; %d timed iterations per method after one "
      "warm-up\n",
      std::max(1u, std::thread::hardware_concurrency()), reference ? "reference" : "demo", threads,
      dense_teacher ? "dense" : "incremental",
      reference ? (", PAIRED teacher " + std::to_string(teacher_walls) + " walls").c_str() : "",
      iterations);
  std::printf("%-10s %18s %18s %12s %22s\n", "method", "s/new iter (n)", "s/replay iter (n)",
              "s/iter", "protagonist steps/s");
  std::vector<std::pair<std::string, Timing>> timings;
  for (const std::string& method : methods) {
    paired::TrainOptions options = Options(method, reference, teacher_walls);
    options.teacher_net.incremental = !dense_teacher;
    Timing t = Measure(options, iterations, profile);
    std::printf("%-10s %18s %18s %12.2f %22.0f\n", method.c_str(),
                PerIteration(t.new_seconds, t.new_count).c_str(),
                PerIteration(t.replay_seconds, t.replay_count).c_str(), t.seconds / iterations,
                t.steps / t.seconds);
    std::fflush(stdout);
    timings.emplace_back(method, t);
  }
  std::printf("\nseconds per iteration by phase (mean over the timed iterations)\n");
  std::printf("%-10s %10s %10s %16s %16s\n", "method", "levels", "rollouts", "teacher update",
              "student updates");
  for (const auto& [method, t] : timings) {
    std::printf("%-10s %10.3f %10.3f %16.3f %16.3f\n", method.c_str(), t.phases.levels / iterations,
                t.phases.rollouts / iterations, t.phases.teacher_update / iterations,
                t.phases.student_updates / iterations);
  }
  return 0;
}
