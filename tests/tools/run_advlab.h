#pragma once
// Runs the advlab binary as a user would, capturing its exit status and its
// stdout and stderr together.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace advlab::testing {

struct Result {
  int status = -1;
  std::string output;
};

inline Result Run(const std::string& arguments) {
  std::string command = std::string(ADVLAB_BINARY) + " " + arguments + " 2>&1";
  Result result;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof(buffer), pipe)) result.output.append(buffer, n);
  int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Starts advlab with `arguments` in the background, stdout and stderr to `log`.
inline pid_t StartInBackground(const std::vector<std::string>& arguments, const std::string& log) {
  // argv is built before fork: the child may only make async-signal-safe calls.
  std::vector<char*> argv = {const_cast<char*>("advlab")};
  for (const std::string& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    execv(ADVLAB_BINARY, argv.data());
    _exit(127);
  }
  return pid;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The pid of rank `rank` of a job under `advlab launch` whose command line
// holds `marker`, or -1 while none runs.
inline pid_t RankProcess(int rank, const std::string& marker) {
  std::string variable("\0RANK=", 6);
  variable += std::to_string(rank) + '\0';
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    if (ReadFile(entry.path() / "environ").find(variable) != std::string::npos &&
        ReadFile(entry.path() / "cmdline").find(marker) != std::string::npos) {
      return std::stoi(entry.path().filename().string());
    }
  }
  return -1;
}

// Kills rank `victim` of the job `launcher` runs: launch must exit non-zero
// within a minute, naming the rank and the signal (its output is in `log`).
inline void CheckKilledRankFailsLaunch(pid_t launcher, pid_t victim, const std::string& log) {
  kill(victim, SIGKILL);
  int status = 0;
  const auto killed = std::chrono::steady_clock::now();
  waitpid(launcher, &status, 0);
  INFO(ReadFile(log));
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) != 0);
  CHECK_THAT(ReadFile(log), Catch::Matchers::Contains("rank 1"));
  CHECK_THAT(ReadFile(log), Catch::Matchers::Contains("killed by signal 9"));
  CHECK(std::chrono::steady_clock::now() - killed < std::chrono::seconds(60));
}

// Ctrl-C once `ready()` holds (or `patience` has passed), then waits: the exit
// status, or -1 when a signal killed the job.
inline int InterruptWhen(pid_t pid, const std::function<bool()>& ready,
                         std::chrono::milliseconds patience) {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  while (!ready() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGINT);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace advlab::testing
