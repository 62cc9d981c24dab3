#include "report/table.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/atomic_file.h"
#include "core/binomial.h"

namespace advlab::report {

Table::Table(std::vector<std::string> columns) : columns_(std::move(columns)) {}

void Table::AddRow(std::vector<std::string> cells) {
  if (cells.size() != columns_.size()) {
    throw std::logic_error("Table::AddRow: " + std::to_string(cells.size()) + " cells for " +
                           std::to_string(columns_.size()) + " columns");
  }
  rows_.push_back(std::move(cells));
}

std::string CsvEscape(const std::string& cell) {
  if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string HtmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Table::CsvHeader() const {
  std::string line;
  for (size_t i = 0; i < columns_.size(); ++i) line += (i ? "," : "") + CsvEscape(columns_[i]);
  return line;
}

std::string Table::ToCsv() const {
  std::string text = CsvHeader() + "\n";
  for (const auto& row : rows_) {
    for (size_t i = 0; i < row.size(); ++i) text += (i ? "," : "") + CsvEscape(row[i]);
    text += "\n";
  }
  return text;
}

std::string Table::ToHtml() const {
  std::string html = "<table>\n<thead><tr>";
  for (const std::string& column : columns_) html += "<th>" + HtmlEscape(column) + "</th>";
  html += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows_) {
    html += "<tr>";
    for (const std::string& cell : row) html += "<td>" + HtmlEscape(cell) + "</td>";
    html += "</tr>\n";
  }
  return html + "</tbody>\n</table>\n";
}

void Table::WriteCsv(const std::filesystem::path& path) const {
  core::WriteFileAtomically(path, ToCsv());
}

std::string RateWithInterval(double rate, double trials) {
  if (!(trials > 0)) return Table::Num(rate, 3);
  const core::Interval interval = core::WilsonInterval(std::round(rate * trials), trials);
  return Table::Num(rate, 3) + " [" + Table::Num(interval.low, 3) + ", " +
         Table::Num(interval.high, 3) + "]";
}

std::string Table::Num(double value, int digits) {
  if (std::isnan(value)) return "";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char text[64];
  std::snprintf(text, sizeof(text), "%.*g", digits, value);
  return text;
}

}  // namespace advlab::report
