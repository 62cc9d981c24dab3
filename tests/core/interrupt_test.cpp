#include "core/interrupt.h"

#include <catch2/catch.hpp>
#include <csignal>

using advlab::core::InterruptRequested;
using advlab::core::InterruptScope;

namespace {

void (*CurrentHandler(int signal))(int) {
  struct sigaction now {};
  sigaction(signal, nullptr, &now);
  return now.sa_handler;
}

}  // namespace

TEST_CASE("the first signal asks to stop, the second one kills", "[interrupt]") {
  advlab::core::ClearInterrupt();
  void (*before)(int) = CurrentHandler(SIGINT);
  {
    InterruptScope scope("test");
    CHECK_FALSE(InterruptRequested());
    CHECK(CurrentHandler(SIGINT) != before);
    std::raise(SIGINT);
    CHECK(InterruptRequested());
    // The handler reset itself: another Ctrl-C (or a SIGTERM) takes the default action.
    CHECK(CurrentHandler(SIGINT) == SIG_DFL);
    CHECK(CurrentHandler(SIGTERM) == SIG_DFL);
  }
  CHECK(CurrentHandler(SIGINT) == before);
  advlab::core::ClearInterrupt();
  CHECK_FALSE(InterruptRequested());
}

TEST_CASE("SIGTERM stops a job the same way", "[interrupt]") {
  advlab::core::ClearInterrupt();
  {
    InterruptScope scope("test");
    std::raise(SIGTERM);
    CHECK(InterruptRequested());
  }
  advlab::core::ClearInterrupt();
}
