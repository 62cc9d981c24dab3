// distributed_bench: what a data-parallel update would pay to communicate
// on this machine. Two ranks (this process and a forked one) join a c10d
// Gloo group over loopback and time all-reduces of the PAIRED reference
// networks' gradients (the student, the teacher) and of sizes from 1e3 to
// 1e7 floats: median milliseconds and the ring all-reduce's bus bandwidth,
// 2 (n - 1) / n x bytes / time. The scaling model in README.md ("Scaling
// out") starts from these numbers.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "distributed/collective.h"
#include "paired/student_net.h"
#include "paired/teacher_net.h"

namespace {

int64_t Parameters(torch::nn::Module& module) {
  int64_t n = 0;
  for (const torch::Tensor& p : module.parameters()) n += p.numel();
  return n;
}

double MedianMilliseconds(advlab::distributed::Collective& group, int64_t floats, int reps) {
  torch::Tensor t = torch::ones({floats});
  group.AllReduceSum(t);  // warm-up: buffers and connections
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    group.Barrier();
    const auto start = std::chrono::steady_clock::now();
    group.AllReduceSum(t);
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main() {
  torch::set_num_threads(1);
  const int ranks = 2, port = 29000 + static_cast<int>(getpid() % 1000);
  int rank = 0;
  pid_t child = fork();
  if (child == 0) rank = 1;
  advlab::distributed::LaunchEnv env;
  env.rank = rank;
  env.world_size = ranks;
  env.master_port = port;
  env.timeout_seconds = 60;
  advlab::distributed::Collective group(env);

  advlab::paired::StudentNet student{advlab::paired::StudentNetOptions{}};
  advlab::paired::TeacherNet teacher{advlab::paired::TeacherNetOptions{}, 15, 52, 50};
  // The demo's networks (configs/paired.yaml).
  advlab::paired::StudentNetOptions demo_student;
  demo_student.conv_channels = 16;
  demo_student.hidden = 64;
  demo_student.actions = 3;
  advlab::paired::TeacherNetOptions demo_teacher;
  demo_teacher.conv_channels = 8;
  demo_teacher.recurrent = "none";
  advlab::paired::StudentNet small_student{demo_student};
  advlab::paired::TeacherNet small_teacher{demo_teacher, 15, 27, 50};
  std::vector<std::pair<std::string, int64_t>> sizes = {
      {"demo student (LSTM 64)", Parameters(*small_student)},
      {"demo teacher (conv 8, no LSTM)", Parameters(*small_teacher)},
      {"reference student (LSTM 256)", Parameters(*student)},
      {"reference teacher (conv 128 + LSTM 256)", Parameters(*teacher)}};
  for (int64_t n : {1000, 10000, 100000, 1000000, 10000000}) {
    sizes.emplace_back(std::to_string(n) + " floats", n);
  }
  if (rank == 0) {
    std::printf("distributed_bench: %u cores, %d ranks on loopback (c10d Gloo), 1 thread each\n",
                std::thread::hardware_concurrency(), ranks);
    std::printf("%-40s %12s %10s %10s %12s\n", "all-reduce of", "floats", "MB", "ms", "bus GB/s");
  }
  for (const auto& [label, floats] : sizes) {
    const double ms = MedianMilliseconds(group, floats, floats >= 10000000 ? 10 : 30);
    const double bytes = 4.0 * static_cast<double>(floats);
    if (rank == 0) {
      std::printf("%-40s %12lld %10.3f %10.3f %12.3f\n", label.c_str(),
                  static_cast<long long>(floats), bytes / 1e6, ms,
                  2.0 * (ranks - 1) / ranks * bytes / (ms / 1e3) / 1e9);
    }
  }
  if (child > 0) waitpid(child, nullptr, 0);
  return 0;
}
