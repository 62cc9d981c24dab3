#pragma once
// Reading a run's summary card back in tests: the key numbers must be the
// numbers in the run's CSV files, rounded as printed.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <string>

#include "report/html_report.h"

namespace advlab::testing {

// The value of the run's key number whose label starts with `prefix`.
inline std::string KeyNumber(const std::filesystem::path& run, const std::string& prefix) {
  for (const report::KeyNumber& number : report::RunReport::Load(run).summary) {
    if (number.label.rfind(prefix, 0) == 0) return number.value;
  }
  FAIL("no key number starting with '" << prefix << "' in " << run.string());
  return "";
}

// "0.21 [0.16, 0.27]": a rate and its interval.
struct RateWithInterval {
  double value = 0, low = 0, high = 0;
};
inline RateWithInterval ParseRateWithInterval(const std::string& text) {
  RateWithInterval r;
  INFO(text);
  REQUIRE(std::sscanf(text.c_str(), "%lf [%lf, %lf]", &r.value, &r.low, &r.high) == 3);
  return r;
}

// Equal up to the three significant digits the card prints.
inline Approx Printed(double value) { return Approx(value).epsilon(0.006).margin(1e-9); }

}  // namespace advlab::testing
