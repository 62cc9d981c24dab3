#pragma once
// Invariant checks in the open_spiel style. A broken invariant is a bug in
// advlab (or in a caller that skipped validation), not bad user input: it
// throws std::logic_error naming the expression, both values and the source
// line, which the CLI reports as an internal error (exit 1).
//
//   ADVLAB_CHECK(levels >= 0);
//   ADVLAB_CHECK_EQ(worlds % minibatches, 0);   // "... (7 vs 0)"
//
// The ADVLAB_ prefix keeps them apart from Catch2's CHECK in tests.
#include <sstream>
#include <stdexcept>
#include <string>

namespace advlab::core::internal {

[[noreturn]] inline void CheckFailed(const char* expression, const std::string& values,
                                     const char* file, int line) {
  std::ostringstream out;
  out << file << ":" << line << ": check failed: " << expression << values;
  throw std::logic_error(out.str());
}

template <typename A, typename B>
std::string Values(const A& a, const B& b) {
  std::ostringstream out;
  out << " (" << a << " vs " << b << ")";
  return out.str();
}

}  // namespace advlab::core::internal

#define ADVLAB_CHECK(condition)                                                                  \
  do {                                                                                           \
    if (!(condition)) ::advlab::core::internal::CheckFailed(#condition, "", __FILE__, __LINE__); \
  } while (false)

#define ADVLAB_CHECK_OP(op, a, b)                                                              \
  do {                                                                                         \
    const auto& advlab_check_a = (a);                                                          \
    const auto& advlab_check_b = (b);                                                          \
    if (!(advlab_check_a op advlab_check_b)) {                                                 \
      ::advlab::core::internal::CheckFailed(                                                   \
          #a " " #op " " #b, ::advlab::core::internal::Values(advlab_check_a, advlab_check_b), \
          __FILE__, __LINE__);                                                                 \
    }                                                                                          \
  } while (false)

#define ADVLAB_CHECK_EQ(a, b) ADVLAB_CHECK_OP(==, a, b)
#define ADVLAB_CHECK_NE(a, b) ADVLAB_CHECK_OP(!=, a, b)
#define ADVLAB_CHECK_LT(a, b) ADVLAB_CHECK_OP(<, a, b)
#define ADVLAB_CHECK_LE(a, b) ADVLAB_CHECK_OP(<=, a, b)
#define ADVLAB_CHECK_GT(a, b) ADVLAB_CHECK_OP(>, a, b)
#define ADVLAB_CHECK_GE(a, b) ADVLAB_CHECK_OP(>=, a, b)
