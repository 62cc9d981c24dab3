#include "paired/published_results.h"

#include <cmath>
#include <map>
#include <stdexcept>

namespace advlab::paired {
namespace {

struct Row {
  const char* maze;
  // 25 blocks: DR, minimax, PAIRED, REPAIRED, PLR, PLR-perp; 0-60: DR, PLR-perp, ACCEL.
  double rates[9];
};

constexpr double kNone = NAN;

const std::vector<Row>& Rows() {
  static const std::vector<Row> rows = {
      {"SixteenRooms", {.90, .09, .67, .87, .96, .83, .87, .95, 1.0}},
      {"SixteenRoomsFewerDoors", {kNone, kNone, kNone, kNone, kNone, kNone, .53, .49, .93}},
      {"Labyrinth", {.18, 0, .30, .07, .34, .54, .45, .55, .74}},
      {"Labyrinth2", {.20, 0, .25, .17, .37, .59, .54, .66, .85}},
      {"Maze", {.04, 0, .00, .20, .28, .59, .43, .54, .78}},
      {"Maze2", {.05, 0, .10, .11, .41, .38, .49, .74, 1.0}},
      {"Maze3", {kNone, kNone, kNone, kNone, kNone, kNone, .69, .75, .84}},
      {"SimpleCrossingS11N5", {.80, .09, .33, .65, .96, .94, .57, .87, .79}},
      {"FourRooms", {kNone, kNone, kNone, kNone, kNone, kNone, .77, .64, .68}},
      {"SmallCorridor", {.82, .08, .65, .61, .82, .86, 1.0, .89, 1.0}},
      {"LargeCorridor", {kNone, kNone, kNone, kNone, kNone, kNone, .64, .79, .99}},
      {"PerfectMazeMedium", {kNone, kNone, kNone, kNone, kNone, kNone, .45, .62, .90}},
  };
  return rows;
}

}  // namespace

const std::vector<std::string>& PublishedColumns() {
  static const std::vector<std::string> columns = {
      "dr_25_blocks",       "minimax_25_blocks",    "paired_25_blocks",
      "repaired_25_blocks", "plr_25_blocks",        "plr_perp_25_blocks",
      "dr_0_60_blocks",     "plr_perp_0_60_blocks", "accel_0_60_blocks"};
  return columns;
}

double PublishedSolveRate(const std::string& column, const std::string& maze) {
  const std::vector<std::string>& columns = PublishedColumns();
  size_t c = 0;
  while (c < columns.size() && columns[c] != column) ++c;
  if (c == columns.size()) throw std::invalid_argument("unknown published column '" + column + "'");
  for (const Row& row : Rows()) {
    if (maze == row.maze) return row.rates[c];
  }
  return kNone;
}

std::vector<std::string> PublishedColumnsOf(const std::string& method) {
  std::vector<std::string> out;
  for (const std::string& column : PublishedColumns()) {
    if (column.rfind(method + "_", 0) == 0 && column.find("_blocks") != std::string::npos &&
        (column == method + "_25_blocks" || column == method + "_0_60_blocks")) {
      out.push_back(column);
    }
  }
  return out;
}

}  // namespace advlab::paired
