#include "report/seed_summary.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>

#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/csv_reader.h"
#include "report/figure.h"
#include "report/html_report.h"
#include "report/table.h"

namespace advlab::report {
namespace fs = std::filesystem;

namespace {

struct Moments {
  double mean = 0, sd = 0;
};

Moments MeanAndSd(const std::vector<double>& values) {
  Moments m;
  if (values.empty()) return m;
  for (double v : values) m.mean += v / static_cast<double>(values.size());
  if (values.size() < 2) return m;
  double squares = 0;
  for (double v : values) squares += (v - m.mean) * (v - m.mean);
  m.sd = std::sqrt(squares / static_cast<double>(values.size() - 1));
  return m;
}

std::string Slug(const std::string& text) {
  std::string slug;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!slug.empty() && slug.back() != '_') {
      slug += '_';
    }
  }
  while (!slug.empty() && slug.back() == '_') slug.pop_back();
  return slug.empty() ? "run" : slug.substr(0, 60);
}

std::string SeedOf(const fs::path& run) {
  const fs::path manifest = run / "manifest.json";
  if (!fs::exists(manifest)) return "?";
  nlohmann::json doc =
      nlohmann::json::parse(core::ReadFile(manifest), nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("seed")) return "?";
  return doc["seed"].dump();
}

// The curve's mean and sd over runs at every x (first column of
// metrics.csv) that all runs reached; nullopt when a run lacks the column.
std::optional<Figure> BandFigure(const std::vector<fs::path>& runs, const std::string& column) {
  std::map<double, std::vector<double>> at_x;
  std::string x_label;
  for (const fs::path& run : runs) {
    const fs::path csv = run / "metrics.csv";
    if (!fs::exists(csv)) return std::nullopt;
    core::CsvTable table = core::ReadCsv(csv);
    if (table.header.empty() || !table.HasColumn(column)) return std::nullopt;
    x_label = table.header.front();
    std::vector<double> x = table.Column(x_label), y = table.Column(column);
    for (size_t i = 0; i < x.size(); ++i) {
      if (std::isfinite(x[i]) && std::isfinite(y[i])) at_x[x[i]].push_back(y[i]);
    }
  }
  Series band, mean;
  band.kind = Series::Kind::kBand;
  band.title = "±1 sd";
  band.color = "#9ecae1";
  mean.title = "mean of " + std::to_string(runs.size()) + " runs";
  mean.color = "#08519c";
  for (const auto& [x, values] : at_x) {
    if (values.size() != runs.size()) continue;
    Moments m = MeanAndSd(values);
    band.x.push_back(x);
    band.y.push_back(m.mean - m.sd);
    band.y_high.push_back(m.mean + m.sd);
    mean.x.push_back(x);
    mean.y.push_back(m.mean);
  }
  if (mean.x.empty()) return std::nullopt;
  Figure figure;
  figure.title = column;
  figure.x_label = x_label;
  figure.y_label = column;
  figure.series = {band, mean};
  figure.width = 560;
  figure.height = 400;
  return figure;
}

fs::path WriteOne(const std::string& title, const std::vector<fs::path>& runs, const fs::path& dir,
                  const std::vector<std::string>& curves) {
  fs::create_directories(dir);
  std::vector<KeyNumberSpread> spreads = SpreadOfKeyNumbers(runs);
  Table numbers({"key_number", "runs", "mean", "sd", "min", "max"});
  RunReport doc;
  doc.title = "Across " + std::to_string(runs.size()) + " runs: " + title;
  for (const KeyNumberSpread& s : spreads) {
    numbers.AddRow({s.label, std::to_string(s.runs), Table::Num(s.mean, 4), Table::Num(s.sd, 3),
                    Table::Num(s.min, 4), Table::Num(s.max, 4)});
    doc.summary.push_back({s.label + " (mean ± sd over " + std::to_string(s.runs) + " runs)",
                           Table::Num(s.mean, 3) + " ± " + Table::Num(s.sd, 2)});
  }
  numbers.WriteCsv(dir / "key_numbers.csv");
  std::string seeds;
  for (const fs::path& run : runs) {
    seeds += (seeds.empty() ? "" : ", ") + run.filename().string() + " (seed " + SeedOf(run) + ")";
  }
  ReportSection& section = doc.sections.emplace_back();
  section.title = "Spread over runs";
  section.Text("Runs: " + seeds + ".")
      .TableCsv("key_numbers.csv", "Key numbers over runs")
      .Columns({{"key_number", "the number as each run's summary card names it"},
                {"runs", "runs whose value is a number"},
                {"mean", "mean over those runs"},
                {"sd", "sample standard deviation over runs (0 for one run)"},
                {"min", "smallest value"},
                {"max", "largest value"}});
  std::vector<std::pair<std::string, Figure>> figures;
  for (const std::string& column : curves) {
    if (std::optional<Figure> figure = BandFigure(runs, column)) {
      figures.emplace_back(column, *figure);
    }
  }
  std::string error;
  if (!figures.empty()) {
    fs::create_directories(dir / "figures");
    if (RenderFigures(figures, dir / "figures", &error)) {
      section.Text("Learning curves: mean over runs at every step all runs reached, ±1 sd band.");
      for (const auto& [stem, figure] : figures) {
        section.FigureSvg("figures/" + stem + ".svg").Tiled();
      }
    } else {
      section.Text("Figures could not be rendered: " + error);
    }
  }
  doc.Save(dir);
  return dir;
}

}  // namespace

std::optional<double> LeadingNumber(const std::string& value) {
  const char* begin = value.c_str();
  char* end = nullptr;
  const double number = std::strtod(begin, &end);
  if (end == begin || !std::isfinite(number)) return std::nullopt;
  return number;
}

std::vector<KeyNumberSpread> SpreadOfKeyNumbers(const std::vector<fs::path>& runs) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<double>> values;
  for (const fs::path& run : runs) {
    for (const KeyNumber& number : RunReport::Load(run).summary) {
      std::optional<double> v = LeadingNumber(number.value);
      if (!v) continue;
      if (!values.count(number.label)) order.push_back(number.label);
      values[number.label].push_back(*v);
    }
  }
  std::vector<KeyNumberSpread> spreads;
  for (const std::string& label : order) {
    const std::vector<double>& v = values[label];
    Moments m = MeanAndSd(v);
    spreads.push_back({label, static_cast<int>(v.size()), m.mean, m.sd,
                       *std::min_element(v.begin(), v.end()),
                       *std::max_element(v.begin(), v.end())});
  }
  return spreads;
}

std::vector<fs::path> WriteSeedSummaries(const std::vector<fs::path>& runs, const fs::path& dir) {
  std::vector<std::string> titles;
  std::map<std::string, std::vector<fs::path>> by_title;
  std::map<std::string, std::vector<std::string>> curves;
  for (const fs::path& run : runs) {
    RunReport report = RunReport::Load(run);
    if (!by_title.count(report.title)) {
      titles.push_back(report.title);
      curves[report.title] = report.seed_curves;
    }
    by_title[report.title].push_back(run);
  }
  std::vector<fs::path> written;
  for (const std::string& title : titles) {
    if (by_title[title].size() < 2) continue;
    written.push_back(WriteOne(title, by_title[title], dir / Slug(title), curves[title]));
  }
  return written;
}

}  // namespace advlab::report
