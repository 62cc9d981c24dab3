#include "report/figure.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "core/atomic_file.h"

namespace advlab::report {
namespace {

// A gnuplot double-quoted string; a newline becomes gnuplot's "\n".
std::string Quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.10g", value);
  return text;
}

std::string ShellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

std::string GnuplotData(const Figure& figure) {
  std::ostringstream data;
  if (figure.heatmap) {
    const Heatmap& map = *figure.heatmap;
    size_t columns = map.column_labels.size();
    for (size_t r = 0; r < map.row_labels.size(); ++r) {
      for (size_t c = 0; c < columns; ++c) {
        double value = map.values[r * columns + c];
        // Empty cells (NaN) stay blank: no colour, an empty label. The label
        // goes in one of two columns, dark text on light cells and white on
        // dark ones (black on the palette's navy could not be read).
        char label[32] = "";
        if (std::isfinite(value)) std::snprintf(label, sizeof(label), "%.2f", value);
        const bool dark = std::isfinite(value) && value > map.min + 0.6 * (map.max - map.min);
        data << c << ' ' << r << ' ' << (std::isfinite(value) ? Number(value) : "NaN") << " \""
             << (dark ? "" : label) << "\" \"" << (dark ? label : "") << "\"\n";
      }
      data << '\n';
    }
    return data.str();
  }
  if (figure.bars) {
    // One row per category: its index, label, then value, low and high of
    // every series (low = high = value without an interval).
    const BarChart& chart = *figure.bars;
    for (size_t c = 0; c < chart.categories.size(); ++c) {
      // gnuplot's data reader ends a quoted field at the next quote, escaped
      // or not: a label keeps no quotes.
      std::string label = chart.categories[c];
      label.erase(std::remove(label.begin(), label.end(), '"'), label.end());
      data << c << ' ' << Quote(label);
      for (const BarSeries& series : chart.series) {
        const double value = series.values[c];
        const bool interval = !series.low.empty();
        for (double v :
             {value, interval ? series.low[c] : value, interval ? series.high[c] : value}) {
          data << ' ' << (std::isfinite(v) ? Number(v) : "NaN");
        }
      }
      data << '\n';
    }
    return data.str();
  }
  for (size_t s = 0; s < figure.series.size(); ++s) {
    const Series& series = figure.series[s];
    data << "# " << (series.title.empty() ? "series " + std::to_string(s) : series.title) << '\n';
    for (size_t i = 0; i < series.x.size(); ++i) {
      if (!std::isfinite(series.x[i]) || !std::isfinite(series.y[i])) {
        data << '\n';  // a gap, not a bogus point
        continue;
      }
      data << Number(series.x[i]) << ' ' << Number(series.y[i]);
      if (series.kind == Series::Kind::kBand) data << ' ' << Number(series.y_high[i]);
      data << '\n';
    }
    data << "\n\n";
  }
  return data.str();
}

namespace {

// The largest |x| of any finite point: decides whether ticks need SI prefixes.
double LargestAbsX(const Figure& figure) {
  double largest = 0;
  for (const Series& series : figure.series) {
    for (double x : series.x) {
      if (std::isfinite(x)) largest = std::max(largest, std::abs(x));
    }
  }
  return largest;
}

}  // namespace

std::string GnuplotScript(const Figure& figure, const std::string& stem) {
  std::ostringstream gp;
  gp << "# Rendered by advlab; edit and run `gnuplot " << stem << ".gp` here to restyle.\n"
     << "reset\n"
     << "set terminal svg size " << figure.width << "," << figure.height
     << " dynamic enhanced font 'Helvetica,12' background '#ffffff'\n"
     << "set output " << Quote(stem + ".svg") << "\n"
     << "set encoding utf8\n"
     << "set title " << Quote(figure.title) << " noenhanced"
     << (figure.top_tics.empty() ? "" : " offset 0,2.5")
     << "\n"
     // Room above the plot for the title (and the top axis labels): the
     // automatic margin clipped the title in the SVG viewport.
     << "set tmargin " << (figure.top_tics.empty() ? "3" : "7.5") << "\n"
     << "set xlabel " << Quote(figure.x_label) << " noenhanced\n"
     << "set ylabel " << Quote(figure.y_label) << " noenhanced\n"
     << "set key " << figure.key << " noenhanced\n"
     << "set grid lc rgb '#dddddd'\n";
  if (figure.log_x) gp << "set logscale x\nset format x '10^{%L}'\n";
  if (!figure.x_tics.empty()) {
    gp << "set xtics (";
    for (size_t i = 0; i < figure.x_tics.size(); ++i) {
      gp << (i ? ", " : "") << Quote(Number(figure.x_tics[i])) << " " << Number(figure.x_tics[i]);
    }
    gp << ")\n";
  } else if (!figure.log_x && !figure.heatmap && !figure.bars && LargestAbsX(figure) >= 1e4) {
    // Step counts: 50k, 100k, 1.5M instead of digits that run together.
    gp << "set format x '%.1s%c'\n";
  }
  if (figure.log_y) gp << "set logscale y\n";

  if (figure.heatmap) {
    const Heatmap& map = *figure.heatmap;
    gp << "set palette defined (0 '#f7fbff', 1 '#6baed6', 2 '#08306b')\n"
       << "set cbrange [" << Number(map.min) << ":" << Number(map.max) << "]\n"
       << "set xrange [-0.5:" << map.column_labels.size() - 0.5 << "]\n"
       << "set yrange [" << map.row_labels.size() - 0.5 << ":-0.5]\n"
       << "unset grid\nunset key\nset xtics rotate by -45 noenhanced\nset ytics noenhanced\n";
    gp << "set xtics (";
    for (size_t c = 0; c < map.column_labels.size(); ++c) {
      gp << (c ? ", " : "") << Quote(map.column_labels[c]) << " " << c;
    }
    gp << ")\nset ytics (";
    for (size_t r = 0; r < map.row_labels.size(); ++r) {
      gp << (r ? ", " : "") << Quote(map.row_labels[r]) << " " << r;
    }
    gp << ")\n"
       << "plot " << Quote(stem + ".dat") << " using 1:2:3 with image pixels, \\\n"
       << "     " << Quote(stem + ".dat") << " using 1:2:4 with labels font ',9', \\\n"
       << "     " << Quote(stem + ".dat") << " using 1:2:5 with labels font ',9' tc rgb 'white'\n";
    return gp.str();
  }

  if (figure.y_range) {
    gp << "set yrange [" << Number(figure.y_range->first) << ":" << Number(figure.y_range->second)
       << "]\n";
  }
  if (figure.bars) {
    const BarChart& chart = *figure.bars;
    gp << "set style data histograms\nset style histogram errorbars gap 1 lw 1\n"
       << "set style fill solid 0.85 border -1\nset boxwidth 0.9\n"
       << "set xtics rotate by 30 right noenhanced nomirror\nset grid noxtics ytics\n";
    if (chart.series.empty() || chart.categories.empty()) {
      gp << "set label 99 'no data yet' at graph 0.5, graph 0.5 center\n"
         << "plot [0:1] [0:1] -1 notitle\n";
      return gp.str();
    }
    gp << "plot ";
    for (size_t s = 0; s < chart.series.size(); ++s) {
      const BarSeries& series = chart.series[s];
      const size_t column = 3 + 3 * s;
      gp << (s ? ", \\\n     " : "") << Quote(stem + ".dat") << " using " << column << ":"
         << column + 1 << ":" << column + 2 << (s ? "" : ":xtic(2)")
         << (series.color.empty() ? "" : " lc rgb '" + series.color + "'") << " title "
         << Quote(series.title);
    }
    gp << "\n";
    return gp.str();
  }
  if (figure.x_range) {
    auto [lo, hi] = *figure.x_range;
    if (figure.reverse_x) std::swap(lo, hi);
    gp << "set xrange [" << Number(lo) << ":" << Number(hi) << "]\n";
  } else if (figure.reverse_x) {
    gp << "set xrange [*:*] reverse\n";
  }
  if (!figure.top_tics.empty()) {
    gp << "set x2range [*:*]\nset link x2\nset x2tics (";
    for (size_t i = 0; i < figure.top_tics.size(); ++i) {
      gp << (i ? ", " : "") << Quote(figure.top_tics[i].second) << " "
         << Number(figure.top_tics[i].first);
    }
    // Top tick labels may run to two lines (the forecast's N and C): the axis
    // label sits above both.
    gp << ") noenhanced\nset x2label " << Quote(figure.top_label) << " noenhanced offset 0,1\n"
       << "set xtics nomirror\n";
  }
  // Reference labels sit in front on a white box: a curve crossing one
  // (a solve rate near the random policy's) no longer hides it.
  if (!figure.lines.empty()) gp << "set style textbox opaque noborder fillcolor rgb 'white'\n";
  int arrow = 1;
  for (const ReferenceLine& line : figure.lines) {
    if (line.vertical) {
      gp << "set arrow " << arrow << " from " << Number(line.at) << ", graph 0 to "
         << Number(line.at) << ", graph 1 nohead dt 2 lc rgb '" << line.color << "'\n"
         << "set label " << arrow << " " << Quote(line.label) << " at " << Number(line.at)
         << ", graph 0.97 rotate by 90 right offset -0.6,0 font ',9' tc rgb '" << line.color
         << "' noenhanced boxed front\n";
    } else {
      gp << "set arrow " << arrow << " from graph 0, first " << Number(line.at)
         << " to graph 1, first " << Number(line.at) << " nohead dt 2 lc rgb '" << line.color
         << "'\n"
         << "set label " << arrow << " " << Quote(line.label) << " at graph 0.02, first "
         << Number(line.at) << " offset 0,0.5 font ',9' tc rgb '" << line.color
         << "' noenhanced boxed front\n";
    }
    ++arrow;
  }
  // A series without one finite point would stop gnuplot ("all points
  // undefined") and with it every later figure of the run: leave it out.
  auto drawable = [](const Series& series) {
    for (size_t i = 0; i < series.x.size(); ++i) {
      if (std::isfinite(series.x[i]) && std::isfinite(series.y[i])) return true;
    }
    return false;
  };
  bool any = false;
  for (const Series& series : figure.series) any = any || drawable(series);
  if (!any) {
    // The placeholder's [0:1] ranges would be an error on a log axis.
    gp << "unset logscale\nunset arrow\nunset label\nset xtics autofreq\nset format x '%g'\n"
       << "set label 99 'no data yet' at graph 0.5, graph 0.5 center\n"
       << "plot [0:1] [0:1] -1 notitle\n";
    return gp.str();
  }
  gp << "plot ";
  bool first = true;
  for (size_t s = 0; s < figure.series.size(); ++s) {
    const Series& series = figure.series[s];
    if (!drawable(series)) continue;
    std::string color = series.color.empty() ? "" : " lc rgb '" + series.color + "'";
    std::string title = series.title.empty() ? " notitle" : " title " + Quote(series.title);
    gp << (first ? "" : ", \\\n     ") << Quote(stem + ".dat") << " index " << s;
    switch (series.kind) {
      case Series::Kind::kBand:
        gp << " using 1:2:3 with filledcurves fs transparent solid 0.2 noborder" << color;
        break;
      case Series::Kind::kPoints:
        gp << " using 1:2 with points pt 7 ps 0.8" << color;
        break;
      case Series::Kind::kLinePoints:
        gp << " using 1:2 with linespoints pt 7 ps 0.6 lw 1.5" << color;
        break;
      case Series::Kind::kLine:
        gp << " using 1:2 with lines lw 2" << color << (series.dashed ? " dt 2" : "");
        break;
    }
    gp << title;
    first = false;
  }
  gp << "\n";
  return gp.str();
}

bool RenderFigures(const std::vector<std::pair<std::string, Figure>>& figures,
                   const std::filesystem::path& dir, std::string* error) {
  if (figures.empty()) return true;
  std::string scripts;
  for (const auto& [stem, figure] : figures) {
    core::WriteFileAtomically(dir / (stem + ".dat"), GnuplotData(figure));
    core::WriteFileAtomically(dir / (stem + ".gp"), GnuplotScript(figure, stem));
    scripts += " " + ShellQuote(stem + ".gp");
  }
  std::string command =
      "cd " + ShellQuote(dir.string()) + " && gnuplot" + scripts + " > gnuplot.log 2>&1";
  int status = std::system(command.c_str());
  if (status != 0) {
    if (error) {
      *error = "gnuplot failed (exit " + std::to_string(status) + "); see " +
               (dir / "gnuplot.log").string() + ". The .gp scripts and .dat files are kept.";
    }
    return false;
  }
  std::filesystem::remove(dir / "gnuplot.log");
  return true;
}

}  // namespace advlab::report
