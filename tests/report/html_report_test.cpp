#include "report/html_report.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <opencv2/core.hpp>

#include "core/atomic_file.h"
#include "core/error.h"
#include "report/image.h"
#include "tests/temp_dir.h"

using namespace advlab::report;
namespace core = advlab::core;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

TEST_CASE("base64 matches RFC 4648 vectors", "[html]") {
  CHECK(Base64("") == "");
  CHECK(Base64("f") == "Zg==");
  CHECK(Base64("fo") == "Zm8=");
  CHECK(Base64("foo") == "Zm9v");
  CHECK(Base64("foobar") == "Zm9vYmFy");
}

TEST_CASE("report.html is self-contained and rebuilt from report.json", "[html]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "t.csv") << "a,b\n1,<2>\n";
  std::ofstream(dir / "f.svg") << "<?xml version=\"1.0\"?>\n<svg id=\"fig\"></svg>\n";
  WritePng(dir / "i.png", cv::Mat(4, 4, CV_8UC3, cv::Scalar(0, 128, 255)));
  RunReport report;
  report.title = "T";
  report.sections.push_back({"S", {}});
  report.sections[0].Text("hello & bye").TableCsv("t.csv").FigureSvg("f.svg").ImagePng("i.png");
  report.sections[0].FigureSvg("missing.svg");
  WriteRunReport(report, dir.path());

  std::string html = core::ReadFile(dir / "report.html");
  CHECK_THAT(html, Contains("hello &amp; bye"));
  CHECK_THAT(html, Contains("<td>&lt;2&gt;</td>"));
  CHECK_THAT(html, Contains("<svg id=\"fig\">"));
  CHECK_THAT(html, Contains("data:image/png;base64,iVBORw0KGgo"));
  CHECK_THAT(html, Contains("missing: "));
  CHECK(html.find("<?xml") == std::string::npos);

  RunReport loaded = RunReport::Load(dir.path());
  REQUIRE(loaded.sections.size() == 1);
  CHECK(loaded.sections[0].blocks.size() == 5);
  CHECK(RenderHtml("T", {dir.path()}, dir.path()) == html);
  CHECK_THROWS_AS(RunReport::Load(dir / "nowhere"), advlab::InputError);
}

TEST_CASE("a report leads with its summary card and a linked table of contents", "[html]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "sweep.csv") << "a\n1\n";
  std::ofstream(dir / "config.yaml") << "seed: 3\n";
  std::ofstream(dir / "manifest.json")
      << R"({"status": "complete", "seed": 3, "git_commit": "abc123", "wall_seconds": 12.5,
             "start_time": "2026-11-30T00:00:00Z"})";
  RunReport report;
  report.title = "T";
  report.summary = {{"robust accuracy, 8/255", "0.21 [0.16, 0.27]"}};
  report.warnings = {"a budget far below the paper's"};
  report.sections.push_back({"First", {}});
  report.sections.push_back({"Second", {}});
  report.sections[1].TableCsv("sweep.csv");
  WriteRunReport(report, dir.path());
  const std::string html = core::ReadFile(dir / "report.html");
  const size_t card = html.find("class=\"summary\"");
  REQUIRE(card != std::string::npos);
  CHECK(card < html.find("<h2"));  // before any section
  CHECK_THAT(html, Contains("<dt>status</dt><dd>complete</dd>"));
  CHECK_THAT(html, Contains("<dt>commit</dt><dd>abc123</dd>"));
  CHECK_THAT(html, Contains("<dt>robust accuracy, 8/255</dt><dd>0.21 [0.16, 0.27]</dd>"));
  CHECK_THAT(html, Contains("<li>a budget far below the paper's</li>"));
  // Every contents entry points at a heading that exists.
  CHECK_THAT(html, Contains("<a href=\"#r0-s1\">Second</a>"));
  CHECK_THAT(html, Contains("<h2 id=\"r0-s1\">Second</h2>"));
  CHECK_THAT(html, Contains("<a href=\"config.yaml\">config.yaml</a>"));
  CHECK_THAT(html, Contains("<a href=\"sweep.csv\">sweep.csv</a>"));
  // The summary survives report.json; a page elsewhere links back into the run.
  RunReport loaded = RunReport::Load(dir.path());
  CHECK(loaded.summary.size() == 1);
  CHECK(loaded.warnings.size() == 1);
  const std::string joined = RenderHtml("J", {dir.path()}, dir.path().parent_path());
  CHECK_THAT(joined,
             Contains("href=\"" + dir.path().filename().string() + "/sweep.csv\">sweep.csv</a>"));
}

TEST_CASE("small multiples share a grid row and tables explain their columns", "[html]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "t.csv") << "rate\n0.5\n";
  std::ofstream(dir / "a.svg") << "<svg id=\"a\"></svg>";
  std::ofstream(dir / "b.svg") << "<svg id=\"b\"></svg>";
  RunReport report;
  report.title = "T";
  report.sections.push_back({"S", {}});
  report.sections[0]
      .FigureSvg("a.svg")
      .Tiled()
      .FigureSvg("b.svg")
      .Tiled()
      .TableCsv("t.csv")
      .Columns({{"rate", "solved / episodes"}});
  CHECK_THROWS_AS(report.sections[0].Text("x").Columns({{"a", "b"}}), std::logic_error);
  report.sections[0].blocks.pop_back();
  WriteRunReport(report, dir.path());
  const std::string html = core::ReadFile(dir / "report.html");
  const size_t tiles = html.find("<div class=\"tiles\">");
  REQUIRE(tiles != std::string::npos);
  // Both figures inside one grid, the table after it.
  CHECK(tiles < html.find("<svg id=\"a\">"));
  const size_t closed = html.find("</div>\n", html.find("<svg id=\"b\">"));
  CHECK(closed < html.find("<div class=\"table-scroll\">"));
  CHECK(html.find("<div class=\"tiles\">", tiles + 1) == std::string::npos);
  CHECK_THAT(html, Contains("<dt>rate</dt><dd>solved / episodes</dd>"));
  // The layout survives report.json.
  RunReport loaded = RunReport::Load(dir.path());
  CHECK(loaded.sections[0].blocks[0].tiled);
  CHECK_FALSE(loaded.sections[0].blocks[2].tiled);
  REQUIRE(loaded.sections[0].blocks[2].columns.size() == 1);
  CHECK(loaded.sections[0].blocks[2].columns[0].second == "solved / episodes");
  CHECK(RenderHtml("T", {dir.path()}, dir.path()) == html);
}

TEST_CASE("a picture shown twice on one page is embedded once", "[html]") {
  advlab::testing::TempDir dir;
  WritePng(dir / "i.png", cv::Mat(4, 4, CV_8UC1, cv::Scalar(128)));
  WritePng(dir / "j.png", cv::Mat(4, 4, CV_8UC1, cv::Scalar(7)));
  fs::copy_file(dir / "i.png", dir / "copy.png");
  RunReport report;
  report.title = "T";
  report.sections.push_back({"S", {}});
  report.sections[0].ImagePng("i.png").ImagePng("copy.png").ImagePng("j.png");
  WriteRunReport(report, dir.path());
  const std::string html = core::ReadFile(dir / "report.html");
  size_t embedded = 0;
  for (size_t at = html.find("data:image/png"); at != std::string::npos;
       at = html.find("data:image/png", at + 1)) {
    ++embedded;
  }
  CHECK(embedded == 2);  // i.png and j.png; the copy links to the first
  CHECK_THAT(html, Contains("<a href=\"#img0\">the same picture as above</a>"));
  CHECK_THAT(html, Contains("<figure id=\"img0\">"));
}
