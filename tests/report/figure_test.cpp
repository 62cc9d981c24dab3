#include "report/figure.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "core/atomic_file.h"
#include "tests/temp_dir.h"

using advlab::report::Figure;
using advlab::report::Series;
using Catch::Matchers::Contains;

namespace {

Figure LineFigure() {
  Figure figure;
  figure.title = "t";
  figure.log_x = true;
  Series band;
  band.kind = Series::Kind::kBand;
  band.x = {1, 10};
  band.y = {0, 0.5};
  band.y_high = {1, 1.5};
  Series line;
  line.title = "line";
  line.x = {1, 10, 100};
  line.y = {1, 2, 3};
  figure.series = {band, line};
  figure.lines.push_back({true, 5, "five"});
  figure.lines.push_back({false, 2, "two"});
  return figure;
}

}  // namespace

TEST_CASE("gnuplot script covers log axes, bands and reference lines", "[figure]") {
  std::string gp = GnuplotScript(LineFigure(), "fig");
  CHECK_THAT(gp, Contains("set logscale x"));
  CHECK_THAT(gp, Contains("filledcurves"));
  CHECK_THAT(gp, Contains("\"fig.dat\" index 1"));
  CHECK_THAT(gp, Contains("set arrow 1 from 5, graph 0"));
  CHECK_THAT(gp, Contains("set arrow 2 from graph 0, first 2"));
  std::string data = GnuplotData(LineFigure());
  CHECK_THAT(data, Contains("1 0 1\n10 0.5 1.5\n"));
}

TEST_CASE("figures render to SVG with their script and data beside them", "[figure]") {
  advlab::testing::TempDir dir;
  Figure heat;
  heat.title = "heat";
  heat.heatmap = advlab::report::Heatmap{{"r0", "r1"}, {"c0", "c1"}, {0.1, 0.2, 0.3, 0.4}, 0, 1};
  std::string error;
  REQUIRE(
      advlab::report::RenderFigures({{"line", LineFigure()}, {"heat", heat}}, dir.path(), &error));
  for (const char* stem : {"line", "heat"}) {
    std::string svg = advlab::core::ReadFile(dir / (std::string(stem) + ".svg"));
    CHECK_THAT(svg, Contains("<svg"));
    CHECK(std::filesystem::exists(dir / (std::string(stem) + ".gp")));
    CHECK(std::filesystem::exists(dir / (std::string(stem) + ".dat")));
  }
}

TEST_CASE("heatmap cells are drawn as cells, empty cells blank", "[figure]") {
  Figure heat;
  heat.heatmap =
      advlab::report::Heatmap{{"r0"}, {"c0", "c1", "c2"}, {0.25, std::nan(""), 0.9}, 0, 1};
  std::string data = GnuplotData(heat);
  // Light cells carry a dark label (column 4), dark cells a white one (5).
  CHECK_THAT(data, Contains("0 0 0.25 \"0.25\" \"\"\n"));
  CHECK_THAT(data, Contains("1 0 NaN \"\" \"\"\n"));
  CHECK_THAT(data, Contains("2 0 0.9 \"\" \"0.90\"\n"));
  std::string gp = GnuplotScript(heat, "heat");
  CHECK_THAT(gp, Contains("with image pixels"));
  CHECK_THAT(gp, Contains("using 1:2:4 with labels"));
  CHECK_THAT(gp, Contains("using 1:2:5 with labels font ',9' tc rgb 'white'"));
}

TEST_CASE("series without a finite point are left out so gnuplot never stops", "[figure]") {
  advlab::report::Figure f;
  advlab::report::Series empty, half;
  empty.title = "never logged";
  empty.x = {1, 2};
  empty.y = {NAN, NAN};
  half.title = "logged";
  half.x = {1, 2};
  half.y = {NAN, 0.5};
  f.series = {empty, half};
  std::string script = advlab::report::GnuplotScript(f, "f");
  CHECK(script.find("never logged") == std::string::npos);
  CHECK(script.find("index 1") != std::string::npos);
  f.series = {empty};
  CHECK(advlab::report::GnuplotScript(f, "f").find("no data yet") != std::string::npos);
}

TEST_CASE("figure layout: title room, legend below, readable ticks, empty log axes", "[figure]") {
  Figure steps;
  steps.title = "t";
  Series s;
  s.x = {0, 50000, 100000, 150000};
  s.y = {0, 1, 2, 3};
  steps.series = {s};
  const std::string gp = advlab::report::GnuplotScript(steps, "f");
  CHECK_THAT(gp, Contains("set tmargin 3"));
  CHECK_THAT(gp, Contains("set key below center horizontal"));
  CHECK_THAT(gp, Contains("set format x '%.1s%c'"));  // 50.0k, not 50000100000...
  Figure budgets;
  budgets.log_x = true;
  budgets.x_tics = {1, 2, 8};
  budgets.series = {s};
  CHECK_THAT(advlab::report::GnuplotScript(budgets, "b"),
             Contains("set xtics (\"1\" 1, \"2\" 2, \"8\" 8)"));
  // A log-x figure with nothing to draw still renders its placeholder.
  Figure empty;
  empty.title = "nothing";
  empty.log_x = true;
  empty.lines.push_back({true, 8, "8/255"});
  advlab::testing::TempDir dir;
  std::string error;
  REQUIRE(advlab::report::RenderFigures({{"empty", empty}}, dir.path(), &error));
  CHECK(std::filesystem::exists(dir / "empty.svg"));
}

TEST_CASE("bar charts group series per category with error bars", "[figure]") {
  Figure bars;
  bars.title = "solve rate per maze";
  bars.bars =
      advlab::report::BarChart{{"Maze", "Four Rooms"},
                               {{"this run", {0.5, 0.25}, {0.2, 0.1}, {0.8, 0.5}, "#08519c"},
                                {"published", {0.3, std::nan("")}, {}, {}, ""}}};
  // Index, label, then value/low/high per series; a missing value is NaN.
  std::string data = GnuplotData(bars);
  CHECK_THAT(data, Contains("0 \"Maze\" 0.5 0.2 0.8 0.3 0.3 0.3\n"));
  CHECK_THAT(data, Contains("1 \"Four Rooms\" 0.25 0.1 0.5 NaN NaN NaN\n"));
  std::string gp = GnuplotScript(bars, "bars");
  CHECK_THAT(gp, Contains("set style histogram errorbars"));
  CHECK_THAT(gp, Contains("using 3:4:5:xtic(2) lc rgb '#08519c' title \"this run\""));
  CHECK_THAT(gp, Contains("using 6:7:8 title \"published\""));
  advlab::testing::TempDir dir;
  std::string error;
  REQUIRE(advlab::report::RenderFigures({{"bars", bars}}, dir.path(), &error));
  CHECK_THAT(advlab::core::ReadFile(dir / "bars.svg"), Contains("Four Rooms"));
}
