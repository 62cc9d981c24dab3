#include "core/interrupt.h"

#include <unistd.h>

#include <csignal>
#include <cstring>

namespace advlab::core {
namespace {

volatile std::sig_atomic_t g_requested = 0;
// Written once per scope, before the handler is installed: the handler may
// only call async-signal-safe functions, so the message is ready-made.
char g_message[160];
struct sigaction g_previous_int, g_previous_term;

extern "C" void OnInterrupt(int) {
  g_requested = 1;
  // SA_RESETHAND has already restored the default action: a second Ctrl-C kills.
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

bool InterruptRequested() { return g_requested != 0; }
void RequestInterrupt() { g_requested = 1; }
void ClearInterrupt() { g_requested = 0; }

}  // namespace advlab::core
