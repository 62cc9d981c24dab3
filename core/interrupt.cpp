#include "core/interrupt.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstring>

namespace advlab::core {
namespace {

// Lock-free, so the handler may set it whichever thread (TBB, LibTorch) the
// signal lands on.
std::atomic<bool> g_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);
// Written once per scope, before the handler is installed: the handler may
// only call async-signal-safe functions, so the message is ready-made.
char g_message[160];
struct sigaction g_previous_int, g_previous_term;

extern "C" void OnInterrupt(int) {
  g_requested = true;
  // Either signal again takes the default action and kills at once (SA_RESETHAND
  // resets only the one that arrived; sigaction is async-signal-safe).
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigaction(SIGINT, &default_action, nullptr);
  sigaction(SIGTERM, &default_action, nullptr);
  ssize_t ignored = write(STDERR_FILENO, g_message, std::strlen(g_message));
  (void)ignored;
}

}  // namespace

InterruptScope::InterruptScope(const std::string& job) {
  std::string message = "\n" + job +
                        ": stopping at the next safe point and keeping what is done "
                        "(signal again to quit at once)\n";
  std::strncpy(g_message, message.c_str(), sizeof(g_message) - 1);
  g_message[sizeof(g_message) - 1] = '\0';
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND | SA_RESTART;
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptScope::~InterruptScope() {
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
}

bool InterruptRequested() { return g_requested; }
void RequestInterrupt() { g_requested = true; }
void ClearInterrupt() { g_requested = false; }

}  // namespace advlab::core
