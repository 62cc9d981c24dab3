#pragma once
// A one-line progress display for long loops: "bootstrap  420/1000  1.2k/s  ETA 0:03".
// It redraws at most five times a second on a terminal. Into a log (a file,
// a pipe) it writes one plain line per `log_every` (a minute) and nothing
// for loops shorter than that, so a long run under nohup shows it is alive
// and short jobs' logs hold only their summary.
// Advance() may be called from several threads (TBB tasks) at once.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace advlab::report {

class Progress {
 public:
  Progress(std::string label, long total, std::FILE* stream = stderr,
           std::chrono::milliseconds log_every = std::chrono::minutes(1));
  ~Progress();
  void Advance(long steps = 1);
  void Finish();

  // "0:03", "1:02:03"
  static std::string FormatDuration(double seconds);
  // "420/1000  1.2k/s  ETA 0:03"
  static std::string Line(long done, long total, double elapsed_seconds);

 private:
  void Draw();

  std::string label_;
  long total_;
  std::atomic<long> done_{0};
  std::mutex draw_;
  std::FILE* stream_;
  bool interactive_;
  std::chrono::milliseconds log_every_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace advlab::report
