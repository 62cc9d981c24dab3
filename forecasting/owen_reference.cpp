#include "forecasting/owen_reference.h"

#include <cmath>

#include "core/build_info.h"
#include "core/csv_reader.h"

namespace advlab::forecasting {

const std::vector<OwenReference>& Owen2024BacktestMae() {
  static const std::vector<OwenReference> rows = [] {
    const core::CsvTable csv =
        core::ReadCsv(ProjectHome() / "forecasting" / "data" / "owen2024_backtest_mae.csv");
    std::vector<OwenReference> out;
    for (const core::CsvRow& row : csv.rows) {
      out.push_back({csv.Number(row, "distance_oom"), csv.Number(row, "aggregate_mae_pp"),
                     csv.OptionalNumber(row, "individual_mae_pp").value_or(NAN)});
    }
    return out;
  }();
  return rows;
}

}  // namespace advlab::forecasting
