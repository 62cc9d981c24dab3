#include "report/progress.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

using advlab::report::Progress;

TEST_CASE("progress formats rate and ETA", "[progress]") {
  CHECK(Progress::FormatDuration(3) == "0:03");
  CHECK(Progress::FormatDuration(3723) == "1:02:03");
  CHECK(Progress::Line(250, 1000, 2.0) == "250/1000  125.0/s  ETA 0:06");
  CHECK(Progress::Line(5000, 10000, 2.0) == "5000/10000  2.5k/s  ETA 0:02");
  CHECK(Progress::Line(3, 10, 360.0) == "3/10  0.50/min  ETA 14:00");
}

TEST_CASE("into a log, progress writes plain lines only as often as asked", "[progress]") {
  std::FILE* file = std::tmpfile();
  {
    Progress progress("work", 4, file, std::chrono::milliseconds(0));
    for (int i = 0; i < 4; ++i) progress.Advance();
  }
  std::rewind(file);
  char text[256] = {};
  const size_t n = std::fread(text, 1, sizeof(text) - 1, file);
  // One line per step but the last (the job's summary follows), no redraws.
  CHECK(std::string(text, n).find("work  3/4") != std::string::npos);
  CHECK(std::string(text, n).find("4/4") == std::string::npos);
  CHECK(std::string(text, n).find('\r') == std::string::npos);
  CHECK(std::count(text, text + n, '\n') == 3);
  std::fclose(file);
}

TEST_CASE("progress stays silent in a log for loops shorter than its interval", "[progress]") {
  std::FILE* file = std::tmpfile();
  {
    Progress progress("work", 10, file);
    for (int i = 0; i < 10; ++i) progress.Advance();
  }
  CHECK(std::ftell(file) == 0);
  std::fclose(file);
}
