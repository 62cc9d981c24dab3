#pragma once
// A small RFC 4180 CSV reader that remembers where every row came from, so a
// loader can reject a malformed value with "file:line: column 'x': ...".
//
//   CsvTable t = ReadCsv("scores.csv");
//   for (const CsvRow& row : t.rows) double v = t.Number(row, "value");
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace advlab::core {

struct CsvRow {
  int line = 0;  // 1-based line number in the file (the header is line 1)
  std::vector<std::string> cells;
};

class CsvTable {
 public:
  std::string file;
  std::vector<std::string> header;
  std::vector<CsvRow> rows;

  bool HasColumn(const std::string& name) const;
  // Throws InputError naming the file and the missing columns.
  void RequireColumns(const std::vector<std::string>& names) const;
  const std::string& Cell(const CsvRow& row, const std::string& column) const;
  // Parses a number; empty cells and non-numbers throw with file, line and column.
  double Number(const CsvRow& row, const std::string& column) const;
  // Like Number, but an empty cell (or a missing column) gives nullopt.
  std::optional<double> OptionalNumber(const CsvRow& row, const std::string& column) const;
  // Every row's value in `column`; empty cells become NaN.
  std::vector<double> Column(const std::string& column) const;
  [[noreturn]] void Fail(const CsvRow& row, const std::string& message) const;

 private:
  friend CsvTable ParseCsv(const std::string& text, const std::string& file);
  std::map<std::string, size_t> index_;
};

CsvTable ParseCsv(const std::string& text, const std::string& file);
CsvTable ReadCsv(const std::filesystem::path& path);

// Strict number parsing shared by the CSV and config readers: the whole
// string must be consumed ("1.5x" is an error, not 1.5).
std::optional<double> ParseDouble(const std::string& text);
std::optional<long long> ParseInteger(const std::string& text);

}  // namespace advlab::core
