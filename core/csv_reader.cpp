#include "core/csv_reader.h"

#include <limits>

#include <cerrno>
#include <cstdlib>

#include "core/atomic_file.h"
#include "core/error.h"

namespace advlab::core {

std::optional<double> ParseDouble(const std::string& text) {
  if (text.empty()) return std::nullopt;
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  double value = std::strtod(begin, &end);
  if (end == begin || *end != '\0' || errno == ERANGE) return std::nullopt;
  return value;
}

std::optional<long long> ParseInteger(const std::string& text) {
  if (text.empty()) return std::nullopt;
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  long long value = std::strtoll(begin, &end, 10);
  if (end == begin || *end != '\0' || errno == ERANGE) return std::nullopt;
  return value;
}

namespace {

// Splits CSV text into records, honouring quotes (which may hold commas,
// doubled quotes and newlines). Records keep the line they started on.
std::vector<CsvRow> SplitRecords(const std::string& text, const std::string& file) {
  std::vector<CsvRow> records;
  CsvRow current;
  std::string cell;
  bool in_quotes = false;
  bool record_has_content = false;
  int line = 1;
  current.line = 1;
  auto end_record = [&] {
    if (record_has_content || !cell.empty() || !current.cells.empty()) {
      current.cells.push_back(cell);
      records.push_back(std::move(current));
    }
    current = CsvRow{};
    cell.clear();
    record_has_content = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_quotes = true;
        record_has_content = true;
        break;
      case ',':
        current.cells.push_back(cell);
        cell.clear();
        record_has_content = true;
        break;
      case '\r':
        break;
      case '\n':
        end_record();
        ++line;
        current.line = line;
        break;
      default:
        cell += c;
        record_has_content = true;
    }
  }
  if (in_quotes) {
    throw InputError(file + ":" + std::to_string(current.line) + ": unterminated quoted field");
  }
  end_record();
  return records;
}

}  // namespace

CsvTable ParseCsv(const std::string& text, const std::string& file) {
  CsvTable table;
  table.file = file;
  // Spreadsheet programs save UTF-8 CSV with a byte-order mark; it is not
  // part of the first column's name.
  const bool bom = text.compare(0, 3, "\xEF\xBB\xBF") == 0;
  std::vector<CsvRow> records = SplitRecords(bom ? text.substr(3) : text, file);
  if (records.empty()) throw InputError(file + ": empty CSV file (no header)");
  table.header = records.front().cells;
  for (size_t i = 0; i < table.header.size(); ++i) {
    if (!table.index_.emplace(table.header[i], i).second) {
      throw InputError(file + ":1: duplicate column '" + table.header[i] + "'");
    }
  }
  for (size_t r = 1; r < records.size(); ++r) {
    CsvRow& row = records[r];
    if (row.cells.size() != table.header.size()) {
      throw InputError(file + ":" + std::to_string(row.line) + ": expected " +
                       std::to_string(table.header.size()) + " fields, found " +
                       std::to_string(row.cells.size()));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

CsvTable ReadCsv(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) throw InputError(path.string() + ": no such file");
  if (std::filesystem::is_directory(path)) {
    throw InputError(path.string() + ": is a directory, not a CSV file");
  }
  return ParseCsv(ReadFile(path), path.string());
}

bool CsvTable::HasColumn(const std::string& name) const { return index_.count(name) > 0; }

void CsvTable::RequireColumns(const std::vector<std::string>& names) const {
  std::string missing;
  for (const std::string& name : names) {
    if (!HasColumn(name)) missing += (missing.empty() ? "'" : ", '") + name + "'";
  }
  if (!missing.empty()) throw InputError(file + ":1: missing column(s) " + missing);
}

const std::string& CsvTable::Cell(const CsvRow& row, const std::string& column) const {
  auto it = index_.find(column);
  if (it == index_.end()) throw InputError(file + ":1: missing column '" + column + "'");
  return row.cells[it->second];
}

double CsvTable::Number(const CsvRow& row, const std::string& column) const {
  const std::string& text = Cell(row, column);
  std::optional<double> value = ParseDouble(text);
  if (!value) {
    Fail(row, "column '" + column + "': expected a number, found '" + text + "'");
  }
  return *value;
}

std::vector<double> CsvTable::Column(const std::string& column) const {
  std::vector<double> values;
  for (const CsvRow& row : rows) {
    values.push_back(
        OptionalNumber(row, column).value_or(std::numeric_limits<double>::quiet_NaN()));
  }
  return values;
}

std::optional<double> CsvTable::OptionalNumber(const CsvRow& row, const std::string& column) const {
  if (!HasColumn(column) || Cell(row, column).empty()) return std::nullopt;
  return Number(row, column);
}

void CsvTable::Fail(const CsvRow& row, const std::string& message) const {
  throw InputError(file + ":" + std::to_string(row.line) + ": " + message);
}

}  // namespace advlab::core
