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
