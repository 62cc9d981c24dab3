#pragma once
// A one-line progress display for long loops: "bootstrap  420/1000  1.2k/s  ETA 0:03".
// It redraws at most five times a second and stays silent when the stream is
// not a terminal (CI logs, pipes), so logs hold only the final summary.
// Advance() may be called from several threads (TBB tasks) at once.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace advlab::report {

class Progress {
 public:
  Progress(std::string label, long total, std::FILE* stream = stderr);
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
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace advlab::report
