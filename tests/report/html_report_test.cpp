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
  CHECK(RenderHtml("T", {dir.path()}) == html);
  CHECK_THROWS_AS(RunReport::Load(dir / "nowhere"), advlab::InputError);
}
