// Benchmark of one PAIRED iteration: the teacher designs 32 levels, the
// protagonist and the antagonist each play them for 256 steps, the teacher
// and both students are updated by PPO. Measured at the demo sizes
// (configs/paired.yaml) and the reference sizes (dcd mg_25b_paired: students
// LSTM 256 with 7 actions, teacher conv 128 + LSTM 256), with the students
// run sequentially and concurrently. Throughput is counted as the reference
// counts it: protagonist steps only.
//
//   ued_bench [--iterations N] [--reference]
//     N timed iterations per row after one warm-up (default 2); --reference
//     adds the reference-size rows, which take minutes per iteration here.
#include <ATen/Parallel.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <future>
#include <thread>
#include <vector>

#include "nn/allocator.h"
#include "paired/regret.h"
#include "paired/student_agent.h"
#include "paired/teacher_agent.h"

namespace {

using namespace advlab;
using Clock = std::chrono::steady_clock;

double SecondsPerIteration(const paired::StudentNetOptions& student,
                           const paired::TeacherNetOptions& teacher_net, int walls, bool concurrent,
                           int iterations) {
  paired::PpoSettings ppo;
  envs::LevelBatch levels(ppo.worlds, 15, 15);
  envs::TeacherSettings world;
  world.walls = walls;
  torch::manual_seed(1);
  paired::StudentAgent protagonist(&levels, student, ppo, 1, torch::kCPU);
  paired::StudentAgent antagonist(&levels, student, ppo, 2, torch::kCPU);
  paired::TeacherAgent teacher(&levels, teacher_net, world, ppo, 3, torch::kCPU);
  double total = 0;
  for (int i = -1; i < iterations; ++i) {
    auto t0 = Clock::now();
    teacher.Design();
    paired::LevelReturns p, a;
    if (concurrent) {
      auto other = std::async(std::launch::async, [&] { return antagonist.Collect(); });
      p = protagonist.Collect();
      a = other.get();
    } else {
      p = protagonist.Collect();
      a = antagonist.Collect();
    }
    std::vector<double> regret(levels.count());
    for (int l = 0; l < levels.count(); ++l) {
      regret[l] =
          paired::TeacherReward(paired::UedMethod::kPaired, {p.mean_return[l], p.max_return[l]},
                                {a.mean_return[l], a.max_return[l]}, true);
    }
    teacher.Update(regret);
    if (concurrent) {
      auto other = std::async(std::launch::async, [&] { return antagonist.Update(); });
      protagonist.Update();
      other.get();
    } else {
      protagonist.Update();
      antagonist.Update();
    }
    if (i >= 0) total += std::chrono::duration<double>(Clock::now() - t0).count();
  }
  return total / iterations;
}

}  // namespace

int main(int argc, char** argv) {
  int iterations = 2;
  bool reference = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--reference")) reference = true;
    if (!std::strcmp(argv[i], "--iterations") && i + 1 < argc) {
      iterations = std::max(1, std::atoi(argv[i + 1]));
    }
  }
  at::set_num_threads(1);
  nn::KeepFreedMemory();
  at::set_num_interop_threads(1);
  std::printf(
      "ued_bench: %u cores; PAIRED iteration = teacher design + 2 students x 32 worlds x "
      "256 steps + 3 PPO updates; 1 LibTorch thread per agent\n",
      std::max(1u, std::thread::hardware_concurrency()));
  std::printf("%-34s %-11s %10s %22s\n", "sizes", "students", "s/iter", "protagonist steps/s");
  paired::StudentNetOptions demo_student;
  demo_student.hidden = 64;
  demo_student.actions = 3;
  paired::TeacherNetOptions demo_teacher;
  demo_teacher.conv_channels = 8;
  demo_teacher.recurrent = "none";
  paired::StudentNetOptions reference_student;  // LSTM 256, 7 actions
  paired::TeacherNetOptions reference_teacher;  // conv 128, LSTM 256
  struct Row {
    const char* name;
    paired::StudentNetOptions student;
    paired::TeacherNetOptions teacher;
    int walls;
  };
  std::vector<Row> rows = {Row{"demo (25 walls)", demo_student, demo_teacher, 25}};
  if (reference)
    rows.push_back(Row{"reference (50 walls)", reference_student, reference_teacher, 50});
  for (const Row& row : rows) {
    for (bool concurrent : {false, true}) {
      double seconds =
          SecondsPerIteration(row.student, row.teacher, row.walls, concurrent, iterations);
      std::printf("%-34s %-11s %10.2f %22.0f\n", row.name, concurrent ? "concurrent" : "sequential",
                  seconds, 32 * 256 / seconds);
      std::fflush(stdout);
    }
  }
  return 0;
}
