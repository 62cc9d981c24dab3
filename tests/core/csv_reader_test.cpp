#include "core/csv_reader.h"

#include <catch2/catch.hpp>

#include "core/error.h"
#include "tests/temp_dir.h"

namespace core = advlab::core;

using advlab::core::ParseCsv;
using Catch::Matchers::Contains;

TEST_CASE("CSV parsing handles quotes, commas and CRLF", "[csv]") {
  auto table = core::ParseCsv("a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n", "t.csv");
  REQUIRE(table.rows.size() == 1);
  CHECK(table.Cell(table.rows[0], "b") == "x, \"y\"");
  CHECK(table.Number(table.rows[0], "c") == 3);
  CHECK(table.rows[0].line == 2);
}

TEST_CASE("CSV errors name the file, the line and the column", "[csv]") {
  CHECK_THROWS_WITH(core::ParseCsv("a,b\n1,2\n3\n", "t.csv"),
                    Contains("t.csv:3") && Contains("2 fields"));
  auto table = core::ParseCsv("a,b\n1,2\n1,zz\n", "t.csv");
  CHECK_THROWS_WITH(table.Number(table.rows[1], "b"),
                    Contains("t.csv:3") && Contains("'b'") && Contains("zz"));
  CHECK_THROWS_WITH(table.RequireColumns({"a", "q"}), Contains("'q'"));
  CHECK_THROWS_WITH(core::ParseCsv("a,\"b\n", "t.csv"), Contains("unterminated"));
}

TEST_CASE("strict number parsing rejects trailing garbage", "[csv]") {
  CHECK(advlab::core::ParseDouble("1.5e3") == 1500.0);
  CHECK_FALSE(advlab::core::ParseDouble("1.5x"));
  CHECK_FALSE(advlab::core::ParseDouble(""));
  CHECK(advlab::core::ParseInteger("-12") == -12);
  CHECK_FALSE(advlab::core::ParseInteger("1.0"));
}

TEST_CASE("a UTF-8 byte-order mark is not part of the first column", "[csv]") {
  advlab::core::CsvTable table =
      advlab::core::ParseCsv("\xEF\xBB\xBFmodel,value\na,1\n", "bom.csv");
  CHECK(table.HasColumn("model"));
  CHECK(table.Number(table.rows[0], "value") == 1);
}

TEST_CASE("a directory given as a CSV file is named as a directory", "[csv]") {
  advlab::testing::TempDir dir;
  CHECK_THROWS_WITH(advlab::core::ReadCsv(dir.path()), Catch::Matchers::Contains("is a directory"));
}
