#include "report/metrics_log.h"

#include "core/atomic_file.h"
#include "core/csv_reader.h"
#include "core/error.h"
#include "report/table.h"

namespace advlab::report {

MetricsLog::MetricsLog(const std::filesystem::path& path, std::vector<std::string> columns)
    : path_(path), columns_(std::move(columns)) {
  bool resume = std::filesystem::exists(path) && std::filesystem::file_size(path) > 0;
  if (resume) {
    core::CsvTable existing = core::ReadCsv(path);
    if (existing.header != columns_) {
      throw InputError(path.string() + ":1: existing metrics log has different columns; " +
                       "refusing to append");
    }
  }
  out_.open(path, std::ios::app);
  if (!out_) throw InputError(path.string() + ": cannot open metrics log for appending");
  if (!resume) {
    Table header(columns_);
    out_ << header.CsvHeader() << '\n';
    out_.flush();
  }
}

void MetricsLog::Append(const std::vector<double>& values) {
  if (values.size() != columns_.size()) {
    throw std::logic_error(path_.string() + ": row has " + std::to_string(values.size()) +
                           " values for " + std::to_string(columns_.size()) + " columns");
  }
  for (size_t i = 0; i < values.size(); ++i) {
    out_ << (i ? "," : "") << Table::Num(values[i], 8);
  }
  out_ << '\n';
  out_.flush();
}

}  // namespace advlab::report

namespace advlab::report {

void MetricsLog::TruncateAfter(const std::filesystem::path& path, double last) {
  if (!std::filesystem::exists(path)) return;
  core::CsvTable table = core::ReadCsv(path);
  Table kept(table.header);
  for (const core::CsvRow& row : table.rows) {
    if (table.Number(row, table.header.front()) <= last) kept.AddRow(row.cells);
  }
  core::WriteFileAtomically(path, kept.ToCsv());
}

}  // namespace advlab::report
