// `advlab launch`: torchrun's single-machine launcher for advlab jobs. It
// starts --nproc copies of a job with RANK, WORLD_SIZE, LOCAL_RANK,
// MASTER_ADDR, MASTER_PORT and ADVLAB_DIST_TIMEOUT set (distributed/
// launch_env.h), forwards Ctrl-C and SIGTERM to them, and exits non-zero
// naming the first rank that failed; the others are stopped if they do not
// end by themselves within the timeout.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/error.h"
#include "tools/cli.h"
#include "tools/commands.h"

namespace advlab {
namespace {

constexpr const char* kHelp =
    R"(usage: advlab launch --nproc N [--nnodes M --node-rank K] [--master-addr HOST]
                     [--master-port PORT] [--timeout SECONDS] -- JOB [ARGS ...]

Runs N processes of `advlab JOB ARGS` on this machine as ranks of one
distributed job (torchrun's conventions: each reads RANK, WORLD_SIZE,
LOCAL_RANK, MASTER_ADDR, MASTER_PORT from its environment; rank 0 writes the
run directory). Ctrl-C and SIGTERM are passed to every rank. If a rank fails,
launch says which and exits with its status; the other ranks stop on their
own within --timeout (default 300 s) or are stopped (2 s after the first
failure when a rank refused its input, status 2).

  --nproc N          processes on this machine
  --nnodes M         machines in the job (default 1); run the same command on
  --node-rank K      each, K = 0..M-1, with rank 0's --master-addr and a fixed
                     --master-port (ranks K*N .. K*N+N-1 run here)
  --master-addr HOST where rank 0 listens (default 127.0.0.1)
  --master-port PORT its port (default: a free one, single machine only)

Jobs that run distributed: paired (its worlds are shared out; the numbers
equal one process's up to the order of floating-point sums), eval (its mazes
are shared out) and attack (its batches of images are); eval's and attack's
outputs equal one process's.
)";

volatile std::sig_atomic_t received_signal = 0;
void Remember(int signal) { received_signal = signal; }

int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("launch: cannot open a socket to find a free port");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd);
    throw std::runtime_error("launch: cannot find a free port");
  }
  close(fd);
  return ntohs(address.sin_port);
}

std::string Describe(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "stopped";
}

}  // namespace

int LaunchCommand(const Args& argv) {
  std::vector<std::string> own, job;
  bool after = false;
  for (const std::string& a : argv) {
    if (!after && a == "--") {
      after = true;
    } else {
      (after ? job : own).push_back(a);
    }
  }
  JobArgs args = ParseJobArgs(
      own, {"--nproc", "--nnodes", "--node-rank", "--master-addr", "--master-port", "--timeout"});
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (!args.positional.empty() || args.config || args.out || !args.overrides.empty()) {
    throw InputError("launch: the job and its arguments go after '--' (see --help)");
  }
  if (job.empty()) throw InputError("launch: no job given after '--' (see --help)");
  if (job[0] == "launch") throw InputError("launch: cannot launch launch");
  if (args.flags.count("--nproc") == 0) throw InputError("launch: --nproc N is required");
  const int nproc = static_cast<int>(args.IntFlag("--nproc", 1, 1, 1024));
  const int nnodes = static_cast<int>(args.IntFlag("--nnodes", 1, 1, 1 << 16));
  const int node = static_cast<int>(args.IntFlag("--node-rank", 0, 0, nnodes - 1));
  const int timeout = static_cast<int>(args.IntFlag("--timeout", 300, 1, 86400));
  const auto addr_flag = args.flags.find("--master-addr");
  const std::string addr = addr_flag == args.flags.end() ? "127.0.0.1" : addr_flag->second;
  if (nnodes > 1 && args.flags.count("--master-port") == 0) {
    throw InputError("launch: --nnodes > 1 needs --master-port, the same on every machine");
  }
  const int port = args.flags.count("--master-port")
                       ? static_cast<int>(args.IntFlag("--master-port", 0, 1, 65535))
                       : FreePort();
  const int world = nproc * nnodes;

  // Everything the children need is built before fork.
  std::vector<std::string> arguments = {"advlab"};
  arguments.insert(arguments.end(), job.begin(), job.end());
  std::vector<char*> child_argv;
  child_argv.reserve(arguments.size() + 1);
  for (std::string& a : arguments) child_argv.push_back(a.data());
  child_argv.push_back(nullptr);
  std::vector<std::vector<std::string>> environments(static_cast<size_t>(nproc));
  for (int local = 0; local < nproc; ++local) {
    environments[static_cast<size_t>(local)] = {"RANK=" + std::to_string(node * nproc + local),
                                                "WORLD_SIZE=" + std::to_string(world),
                                                "LOCAL_RANK=" + std::to_string(local),
                                                "MASTER_ADDR=" + addr,
                                                "MASTER_PORT=" + std::to_string(port),
                                                "ADVLAB_DIST_TIMEOUT=" + std::to_string(timeout)};
  }
  std::fflush(stdout);
  std::fflush(stderr);
  struct sigaction action {};
  action.sa_handler = Remember;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);

  std::vector<pid_t> pids(static_cast<size_t>(nproc), -1);
  for (int local = 0; local < nproc; ++local) {
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("launch: fork failed");
    if (pid == 0) {
      // Its own process group: a terminal's Ctrl-C reaches launch alone,
      // which passes it on once (a second would kill the rank at once).
      setpgid(0, 0);
      signal(SIGINT, SIG_DFL);
      signal(SIGTERM, SIG_DFL);
      for (std::string& variable : environments[static_cast<size_t>(local)])
        putenv(variable.data());
      execv("/proc/self/exe", child_argv.data());
      _exit(127);
    }
    pids[static_cast<size_t>(local)] = pid;
  }
  std::printf("launch: %d ranks (%d here, ranks %d-%d), rank 0 at %s:%d: advlab %s\n", world, nproc,
              node * nproc, node * nproc + nproc - 1, addr.c_str(), port, job[0].c_str());
  std::fflush(stdout);

  int running = nproc, exit_status = 0;
  std::optional<std::chrono::steady_clock::time_point> first_failure;
  bool terminated = false, killed = false;
  while (running > 0) {
    if (received_signal) {
      const int forwarded = received_signal;
      received_signal = 0;
      for (pid_t pid : pids) {
        if (pid > 0) kill(pid, forwarded);
      }
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid > 0) {
      for (int local = 0; local < nproc; ++local) {
        if (pids[static_cast<size_t>(local)] != pid) continue;
        pids[static_cast<size_t>(local)] = -1;
        --running;
        const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        // A rank that refused its input (status 2) is the cause whenever one
        // did: its peers' broken connections follow from it, and may be
        // noticed first.
        const bool refused = WIFEXITED(status) && WEXITSTATUS(status) == 2;
        if (!ok && (exit_status == 0 || (refused && exit_status != 2))) {
          exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
          if (!first_failure) first_failure = std::chrono::steady_clock::now();
          std::fprintf(stderr, "launch: rank %d (pid %d) %s\n", node * nproc + local, pid,
                       Describe(status).c_str());
        }
      }
      continue;
    }
    // A failed rank's peers stop by themselves when their next collective
    // times out; past that they are stopped. A rank that refused its input
    // (status 2, e.g. rank 0 finding --out taken) may have left its peers
    // waiting for a collective that never comes: they are stopped at once.
    if (first_failure) {
      const double waited =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - *first_failure).count();
      const double grace = exit_status == 2 ? 2 : timeout + 10;
      const int signal = !terminated && waited > grace    ? SIGTERM
                         : !killed && waited > grace + 10 ? SIGKILL
                                                          : 0;
      if (signal) {
        (signal == SIGTERM ? terminated : killed) = true;
        for (pid_t p : pids) {
          if (p > 0) kill(p, signal);
        }
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (exit_status != 0) std::fprintf(stderr, "launch: failed (status %d)\n", exit_status);
  return exit_status;
}

}  // namespace advlab
