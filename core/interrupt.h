#pragma once
// Ctrl-C (SIGINT) or SIGTERM during a long job asks it to stop at its next
// safe point instead of killing it: training saves a checkpoint after the
// update in progress, evaluation keeps the mazes it finished, an attack sweep
// the budgets it finished, CLIP training its model so far, and the run's
// manifest says "interrupted". A second signal kills at once, as usual.
//
// Only jobs that poll InterruptRequested() hold an InterruptScope; every other
// job keeps the default handlers, so Ctrl-C never goes unanswered.
#include <stdexcept>
#include <string>

namespace advlab::core {

// The exit status of a job stopped by a signal (the shell's 128 + SIGINT).
constexpr int kInterruptedExitStatus = 130;

class InterruptScope {
 public:
  // `job` names the program in the one line printed on the first signal.
  explicit InterruptScope(const std::string& job);
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;
};

// Thrown by a job once it has saved what it finished; advlab then exits with
// kInterruptedExitStatus and the message (how to carry on).
class Interrupted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

bool InterruptRequested();
// What a signal does; also how tests stop a job without a signal.
void RequestInterrupt();
void ClearInterrupt();

}  // namespace advlab::core
