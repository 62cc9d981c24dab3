#pragma once
// Figures described as data and rendered by gnuplot to SVG. Each figure
// leaves three files beside each other so users can restyle it by hand:
//   <stem>.dat  the data (one gnuplot index block per series)
//   <stem>.gp   the script (run `gnuplot <stem>.gp` inside the directory)
//   <stem>.svg  the picture
// All figures of a run are rendered by one gnuplot process: a process start
// costs about as much as a figure.
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace advlab::report {

struct Series {
  enum class Kind { kLine, kPoints, kLinePoints, kBand };
  Kind kind = Kind::kLine;
  std::string title;           // legend entry; empty: no entry
  std::vector<double> x, y;    // for kBand, y is the lower edge
  std::vector<double> y_high;  // kBand only: the upper edge
  std::string color;           // "#1f77b4"; empty: gnuplot's cycle
  bool dashed = false;
};

struct ReferenceLine {
  bool vertical = true;
  double at = 0;
  std::string label;
  std::string color = "#555555";
};

// A matrix drawn as coloured cells with its values printed in them.
struct Heatmap {
  std::vector<std::string> row_labels, column_labels;
  std::vector<double> values;  // row-major, rows x columns
  double min = 0, max = 1;
};

// Grouped bars: one group per category, one bar per series, each with an
// optional error bar (e.g. a solve rate's Wilson interval beside published
// means). NaN values leave a gap.
struct BarSeries {
  std::string title;
  std::vector<double> values;     // one per category
  std::vector<double> low, high;  // empty: no error bars
  std::string color;              // empty: gnuplot's cycle
};
struct BarChart {
  std::vector<std::string> categories;
  std::vector<BarSeries> series;
};

struct Figure {
  std::string title, x_label, y_label;
  bool log_x = false, log_y = false;
  bool reverse_x = false;  // e.g. loss: lower (better) to the right
  std::optional<std::pair<double, double>> x_range, y_range;
  std::vector<Series> series;
  std::vector<ReferenceLine> lines;
  // Extra labels along the top axis, e.g. parameters at given losses.
  std::vector<std::pair<double, std::string>> top_tics;
  std::string top_label;
  std::optional<Heatmap> heatmap;
  std::optional<BarChart> bars;
  // Tick marks at exactly these x values (e.g. the attack budgets on a log
  // axis), labelled with the numbers; empty: gnuplot's own.
  std::vector<double> x_tics;
  // Legend placement: below the plot by default, where it covers no curve
  // and takes no width from it.
  std::string key = "below center horizontal";
  int width = 720, height = 480;
};

struct RenderedFigure {
  std::filesystem::path svg;  // exists only when gnuplot succeeded
  std::string stem;
};

// Writes <stem>.dat and <stem>.gp for every figure into `dir`, then renders
// them all. Returns false (and leaves the scripts) when gnuplot is missing or
// fails; the caller reports it rather than failing the run.
bool RenderFigures(const std::vector<std::pair<std::string, Figure>>& figures,
                   const std::filesystem::path& dir, std::string* error = nullptr);

// The gnuplot script for one figure (exposed for tests).
std::string GnuplotScript(const Figure& figure, const std::string& stem);
std::string GnuplotData(const Figure& figure);

}  // namespace advlab::report
