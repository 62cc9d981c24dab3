#include "report/seed_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/csv_reader.h"
#include "core/slug.h"
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

// A directory name for a group's title: its slug, at most 60 characters.
std::string GroupDirName(const std::string& title) {
  const std::string slug = core::Slug(title);
  return slug.empty() ? "run" : slug.substr(0, 60);
}

// What makes runs "the same job": the config without the keys that may
// differ between seeds of it (seed, threads, device). Top-level keys start
// at column 0 in the config.yaml a run writes.
std::string ConfigWithoutSeed(const fs::path& run) {
  const fs::path file = run / "config.yaml";
  if (!fs::exists(file)) return "";
  std::istringstream in(core::ReadFile(file));
  std::string kept, line;
  bool skipping = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != ' ' && line[0] != '#') {
      const std::string key = line.substr(0, line.find(':'));
      skipping = key == "seed" || key == "threads" || key == "device";
    }
    if (!skipping) kept += line + "\n";
  }
  return kept;
}

// The run directory's name, also for a path given with a trailing slash.
std::string RunName(const fs::path& run) {
  fs::path normal = run.lexically_normal();
  if (normal.filename().empty()) normal = normal.parent_path();
  return normal.filename().string();
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
  // Each run's value at each x (a repeated step counts once, its last row).
  std::map<double, std::map<size_t, double>> at_x;
  std::string x_label;
  for (size_t r = 0; r < runs.size(); ++r) {
    const fs::path& run = runs[r];
    const fs::path csv = run / "metrics.csv";
    if (!fs::exists(csv)) return std::nullopt;
    core::CsvTable table = core::ReadCsv(csv);
    if (table.header.empty() || !table.HasColumn(column)) return std::nullopt;
    x_label = table.header.front();
    std::vector<double> x = table.Column(x_label), y = table.Column(column);
    for (size_t i = 0; i < x.size(); ++i) {
      if (std::isfinite(x[i]) && std::isfinite(y[i])) at_x[x[i]][r] = y[i];
    }
  }
  Series band, mean;
  band.kind = Series::Kind::kBand;
  band.title = "±1 sd";
  band.color = "#9ecae1";
  mean.title = "mean of " + std::to_string(runs.size()) + " runs";
  mean.color = "#08519c";
  for (const auto& [x, by_run] : at_x) {
    if (by_run.size() != runs.size()) continue;
    std::vector<double> values;
    for (const auto& [run, value] : by_run) values.push_back(value);
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
    seeds += (seeds.empty() ? "" : ", ") + RunName(run) + " (seed " + SeedOf(run) + ")";
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
    // A label some runs lack (it names the run's own strongest attack, say)
    // has no spread over the runs.
    if (v.size() != runs.size()) continue;
    Moments m = MeanAndSd(v);
    spreads.push_back({label, static_cast<int>(v.size()), m.mean, m.sd,
                       *std::min_element(v.begin(), v.end()),
                       *std::max_element(v.begin(), v.end())});
  }
  return spreads;
}

std::vector<fs::path> WriteSeedSummaries(const std::vector<fs::path>& runs, const fs::path& dir) {
  // Runs of one job: the same report title and the same config but for the
  // seed (a run given twice counts once).
  struct Job {
    std::string title;
    std::vector<fs::path> runs;
    std::vector<std::string> curves;
  };
  std::vector<std::string> order;
  std::map<std::string, Job> jobs;
  std::vector<fs::path> seen;
  for (const fs::path& run : runs) {
    fs::path canonical = fs::weakly_canonical(run);
    if (canonical.filename().empty()) canonical = canonical.parent_path();
    if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) continue;
    seen.push_back(canonical);
    RunReport report = RunReport::Load(run);
    const std::string key = report.title + "\n" + ConfigWithoutSeed(run);
    auto [it, fresh] = jobs.try_emplace(key, Job{report.title, {}, report.seed_curves});
    if (fresh) order.push_back(key);
    it->second.runs.push_back(run);
  }
  std::vector<fs::path> written;
  std::map<std::string, int> used;
  for (const std::string& key : order) {
    const Job& job = jobs[key];
    if (job.runs.size() < 2) continue;
    // Two jobs of one title (different configs) get their own directories.
    std::string name = GroupDirName(job.title);
    if (used[name]++) name += "_" + std::to_string(used[name]);
    written.push_back(WriteOne(job.title, job.runs, dir / name, job.curves));
  }
  return written;
}

}  // namespace advlab::report
