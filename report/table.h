#pragma once
// A table of strings with named columns, written as CSV (for pandas) and as
// HTML (for the report). Numbers are formatted by Num(): NaN becomes an empty
// cell, which pandas reads back as NaN.
#include <filesystem>
#include <string>
#include <vector>

namespace advlab::report {

class Table {
 public:
  explicit Table(std::vector<std::string> columns);

  void AddRow(std::vector<std::string> cells);
  const std::vector<std::string>& columns() const { return columns_; }
  const std::vector<std::vector<std::string>>& rows() const { return rows_; }

  std::string CsvHeader() const;
  std::string ToCsv() const;
  std::string ToHtml() const;
  void WriteCsv(const std::filesystem::path& path) const;

  // Shortest round-trippable-enough formatting with `digits` significant digits.
  static std::string Num(double value, int digits = 6);

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// "0.333 [0.214, 0.477]": a rate from `trials` episodes or images with its
// 95% Wilson interval (core/binomial.h), as the summary cards show rates.
std::string RateWithInterval(double rate, double trials);

std::string CsvEscape(const std::string& cell);
std::string HtmlEscape(const std::string& text);

}  // namespace advlab::report
