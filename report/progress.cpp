#include "report/progress.h"

#include <unistd.h>

#include <cmath>

namespace advlab::report {

Progress::Progress(std::string label, long total, std::FILE* stream,
                   std::chrono::milliseconds log_every)
    : label_(std::move(label)),
      total_(total),
      stream_(stream),
      interactive_(isatty(fileno(stream)) != 0),
      log_every_(log_every),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() { Finish(); }

std::string Progress::FormatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  long total = static_cast<long>(std::lround(seconds));
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof(text), "%ld:%02ld:%02ld", total / 3600, (total / 60) % 60,
                  total % 60);
  } else {
    std::snprintf(text, sizeof(text), "%ld:%02ld", total / 60, total % 60);
  }
  return text;
}

std::string Progress::Line(long done, long total, double elapsed_seconds) {
  double rate = elapsed_seconds > 0 ? done / elapsed_seconds : 0;
  char rate_text[32];
  if (rate >= 1000) {
    std::snprintf(rate_text, sizeof(rate_text), "%.1fk/s", rate / 1000);
  } else if (rate >= 0.1 || rate == 0) {
    std::snprintf(rate_text, sizeof(rate_text), "%.1f/s", rate);
  } else {  // slow loops (an AutoAttack batch takes minutes)
    std::snprintf(rate_text, sizeof(rate_text), "%.2f/min", rate * 60);
  }
  double eta = rate > 0 ? (total - done) / rate : NAN;
  return std::to_string(done) + "/" + std::to_string(total) + "  " + rate_text + "  ETA " +
         FormatDuration(eta);
}

void Progress::Advance(long steps) {
  long done = done_ += steps;
  // A thread that finds another one drawing just skips this redraw.
  std::unique_lock<std::mutex> lock(draw_, std::try_to_lock);
  if (!lock.owns_lock()) return;
  auto now = std::chrono::steady_clock::now();
  if (interactive_) {
    if (now - last_draw_ < std::chrono::milliseconds(200) && done < total_) return;
  } else if (now - last_draw_ < log_every_ || done >= total_) {
    return;  // the log's last word is the job's summary
  }
  last_draw_ = now;
  Draw();
}

void Progress::Draw() {
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (interactive_) {
    std::fprintf(stream_, "\r\033[K%s  %s", label_.c_str(), Line(done_, total_, elapsed).c_str());
  } else {
    std::fprintf(stream_, "%s  %s\n", label_.c_str(), Line(done_, total_, elapsed).c_str());
  }
  std::fflush(stream_);
}

void Progress::Finish() {
  if (finished_) return;
  finished_ = true;
  if (interactive_) {
    std::lock_guard<std::mutex> lock(draw_);
    Draw();
    std::fputc('\n', stream_);
    std::fflush(stream_);
  }
}

}  // namespace advlab::report
