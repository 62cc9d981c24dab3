#include "paired/published_results.h"

#include <cmath>
#include <map>
#include <stdexcept>

#include "core/build_info.h"
#include "core/csv_reader.h"
#include "core/error.h"

namespace advlab::paired {
namespace {

struct Published {
  std::vector<std::string> columns;
  std::map<std::string, std::vector<double>> rates;  // maze -> one rate per column (NaN: none)
};

// Read once from the shipped table (data/README.md gives its provenance).
const Published& Table() {
  static const Published published = [] {
    const core::CsvTable csv =
        core::ReadCsv(ProjectHome() / "paired" / "data" / "published_solve_rates.csv");
    csv.RequireColumns({"maze"});
    Published p;
    for (const std::string& column : csv.header) {
      if (column != "maze") p.columns.push_back(column);
    }
    for (const core::CsvRow& row : csv.rows) {
      std::vector<double>& rates = p.rates[csv.Cell(row, "maze")];
      for (const std::string& column : p.columns) {
        rates.push_back(csv.OptionalNumber(row, column).value_or(NAN));
      }
    }
    return p;
  }();
  return published;
}

}  // namespace

const std::vector<std::string>& PublishedColumns() { return Table().columns; }

double PublishedSolveRate(const std::string& column, const std::string& maze) {
  const Published& table = Table();
  size_t c = 0;
  while (c < table.columns.size() && table.columns[c] != column) ++c;
  if (c == table.columns.size()) {
    throw std::invalid_argument("unknown published column '" + column + "'");
  }
  auto row = table.rates.find(maze);
  return row == table.rates.end() ? NAN : row->second[c];
}

std::vector<std::string> PublishedColumnsOf(const std::string& method) {
  std::vector<std::string> out;
  for (const std::string& column : PublishedColumns()) {
    if (column == method + "_25_blocks" || column == method + "_0_60_blocks") {
      out.push_back(column);
    }
  }
  return out;
}

}  // namespace advlab::paired
