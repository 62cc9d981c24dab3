#include "report/progress.h"

#include <catch2/catch.hpp>
#include <cstdio>

using advlab::report::Progress;

TEST_CASE("progress formats rate and ETA", "[progress]") {
  CHECK(Progress::FormatDuration(3) == "0:03");
  CHECK(Progress::FormatDuration(3723) == "1:02:03");
  CHECK(Progress::Line(250, 1000, 2.0) == "250/1000  125.0/s  ETA 0:06");
  CHECK(Progress::Line(5000, 10000, 2.0) == "5000/10000  2.5k/s  ETA 0:02");
}

TEST_CASE("progress stays silent when the stream is not a terminal", "[progress]") {
  std::FILE* file = std::tmpfile();
  {
    Progress progress("work", 10, file);
    for (int i = 0; i < 10; ++i) progress.Advance();
  }
  CHECK(std::ftell(file) == 0);
  std::fclose(file);
}
