#include "report/table.h"

#include <catch2/catch.hpp>
#include <cmath>

using advlab::report::Table;

TEST_CASE("tables write pandas-friendly CSV and escaped HTML", "[table]") {
  Table table({"name", "value"});
  table.AddRow({"a,b", Table::Num(1.5)});
  table.AddRow({"<x>", Table::Num(NAN)});
  CHECK(table.ToCsv() == "name,value\n\"a,b\",1.5\n<x>,\n");
  CHECK(table.ToHtml().find("&lt;x&gt;") != std::string::npos);
  CHECK_THROWS(table.AddRow({"only one"}));
  CHECK(Table::Num(1234567.0, 3) == "1.23e+06");
}

TEST_CASE("rates carry their Wilson interval", "[table]") {
  // 10 of 20: Wilson 95% [0.2993, 0.7007] (Newcombe 1998's method 3).
  CHECK(advlab::report::RateWithInterval(0.5, 20) == "0.5 [0.299, 0.701]");
  CHECK(advlab::report::RateWithInterval(0.25, 0) == "0.25");
}
