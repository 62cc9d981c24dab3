#include "paired/seed_comparison.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/config.h"
#include "core/csv_reader.h"
#include "core/error.h"
#include "paired/published_results.h"
#include "report/figure.h"
#include "report/html_report.h"
#include "report/table.h"

namespace advlab::paired {
namespace fs = std::filesystem;
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kCurveBins = 40;

using Run = ComparedRun;

struct MeanSd {
  double mean = kNaN, sd = kNaN;
  int n = 0;
};

MeanSd Summarise(const std::vector<double>& values) {
  MeanSd s;
  for (double v : values) {
    if (std::isnan(v)) continue;
    s.mean = s.n ? s.mean + v : v;
    ++s.n;
  }
  if (!s.n) return s;
  s.mean /= s.n;
  double ss = 0;
  for (double v : values) {
    if (!std::isnan(v)) ss += (v - s.mean) * (v - s.mean);
  }
  s.sd = s.n > 1 ? std::sqrt(ss / (s.n - 1)) : kNaN;
  return s;
}

double MeanOfMazes(const Run& run) {
  if (run.solve_rate.empty()) return kNaN;
  double total = 0;
  for (const auto& [maze, rate] : run.solve_rate) total += rate;
  return total / run.solve_rate.size();
}

// One run's `column` averaged in kCurveBins bins of protagonist steps.
std::vector<double> Binned(const Run& run, const std::string& column, double max_steps) {
  std::vector<double> sum(kCurveBins, 0), count(kCurveBins, 0);
  std::vector<double> steps = run.metrics.Column("env_steps"), y = run.metrics.Column(column);
  for (size_t i = 0; i < steps.size(); ++i) {
    if (std::isnan(y[i])) continue;
    int bin = std::min(kCurveBins - 1, static_cast<int>(steps[i] / max_steps * kCurveBins));
    sum[bin] += y[i];
    count[bin] += 1;
  }
  for (int b = 0; b < kCurveBins; ++b) sum[b] = count[b] ? sum[b] / count[b] : kNaN;
  return sum;
}

const char* kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                          "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};

report::Figure CurveFigure(const std::vector<std::string>& methods,
                           const std::map<std::string, std::vector<const Run*>>& by_method,
                           const std::string& column, const std::string& title,
                           const std::string& y_label, double max_steps) {
  report::Figure f;
  f.title = title;
  f.x_label = "protagonist environment steps";
  f.y_label = y_label;
  for (size_t m = 0; m < methods.size(); ++m) {
    const std::vector<const Run*>& runs = by_method.at(methods[m]);
    if (!runs.front()->metrics.HasColumn(column)) continue;
    std::vector<std::vector<double>> curves;
    curves.reserve(runs.size());
    for (const Run* run : runs) curves.push_back(Binned(*run, column, max_steps));
    report::Series mean, band;
    mean.title = methods[m] + " (" + std::to_string(runs.size()) + " seeds)";
    mean.color = band.color = kColours[m % 8];
    band.kind = report::Series::Kind::kBand;
    for (int b = 0; b < kCurveBins; ++b) {
      std::vector<double> at;
      at.reserve(curves.size());
      for (const auto& c : curves) at.push_back(c[b]);
      MeanSd s = Summarise(at);
      if (std::isnan(s.mean)) continue;
      const double x = (b + 0.5) * max_steps / kCurveBins;
      mean.x.push_back(x);
      mean.y.push_back(s.mean);
      if (!std::isnan(s.sd)) {
        band.x.push_back(x);
        band.y.push_back(s.mean - s.sd);
        band.y_high.push_back(s.mean + s.sd);
      }
    }
    if (!band.x.empty()) f.series.push_back(band);
    f.series.push_back(mean);
  }
  return f;
}

}  // namespace

ComparedRun ReadComparedRun(const fs::path& dir) {
  if (!fs::is_directory(dir)) throw InputError(dir.string() + ": not a run directory");
  ComparedRun run;
  run.dir = dir;
  const fs::path config_path = dir / "config.yaml";
  if (!fs::exists(config_path)) throw InputError(config_path.string() + ": missing");
  core::Config config = core::Config::Load(config_path, {});
  run.method = config.String("ued.method", "dr");
  run.seed = config.Int("seed", 0, 0, std::numeric_limits<long long>::max());
  fs::path normal = fs::path(dir).lexically_normal();
  if (normal.filename().empty()) normal = normal.parent_path();  // "runs/dr-s0/"
  const std::string name = normal.filename().string();
  const size_t dash = name.rfind("-s");
  const bool seeded = dash != std::string::npos && dash > 0 && dash + 2 < name.size() &&
                      name.find_first_not_of("0123456789", dash + 2) == std::string::npos;
  run.group = seeded ? name.substr(0, dash) : run.method;
  run.metrics = core::ReadCsv(dir / "metrics.csv");
  run.metrics.RequireColumns({"env_steps", "protagonist_solved_rate", "wall_seconds"});
  if (run.metrics.rows.empty()) throw InputError((dir / "metrics.csv").string() + ": no updates");
  const size_t rows = run.metrics.rows.size(), tail = std::max<size_t>(1, rows / 10);
  for (size_t i = rows - tail; i < rows; ++i) {
    run.final_solved_rate +=
        run.metrics.Number(run.metrics.rows[i], "protagonist_solved_rate") / tail;
  }
  const core::CsvRow& last = run.metrics.rows.back();
  run.env_steps = run.metrics.Number(last, "env_steps");
  run.student_updates = run.metrics.OptionalNumber(last, "student_updates").value_or(rows);
  run.seconds = run.metrics.Number(last, "wall_seconds");
  if (fs::exists(dir / "eval.csv")) {
    core::CsvTable eval = core::ReadCsv(dir / "eval.csv");
    eval.RequireColumns({"maze", "solve_rate"});
    for (const core::CsvRow& row : eval.rows) {
      run.mazes.push_back(eval.Cell(row, "maze"));
      run.solve_rate[run.mazes.back()] = eval.Number(row, "solve_rate");
    }
  }
  return run;
}

ComparisonSummary WriteComparison(const std::vector<ComparedRun>& runs, const fs::path& out_dir) {
  std::vector<std::string> methods;
  std::map<std::string, std::vector<const Run*>> by_method;
  double max_steps = 1;
  for (const Run& run : runs) {
    if (!by_method.count(run.group)) methods.push_back(run.group);
    by_method[run.group].push_back(&run);
    max_steps = std::max(max_steps, run.env_steps);
  }
  fs::create_directories(out_dir / "figures");

  report::Table per_run({"run", "group", "method", "seed", "updates", "env_steps",
                         "student_updates", "final_training_solved_rate", "heldout_mean_solve_rate",
                         "seconds"});
  for (const Run& run : runs) {
    per_run.AddRow({run.dir.filename().string(), run.group, run.method, std::to_string(run.seed),
                    std::to_string(run.metrics.rows.size()), report::Table::Num(run.env_steps),
                    report::Table::Num(run.student_updates),
                    report::Table::Num(run.final_solved_rate, 4),
                    report::Table::Num(MeanOfMazes(run), 4), report::Table::Num(run.seconds, 4)});
  }
  per_run.WriteCsv(out_dir / "runs.csv");

  report::Table per_method({"group", "seeds", "heldout_mean_solve_rate", "heldout_sd",
                            "final_training_solved_rate", "training_sd", "env_steps",
                            "student_updates", "seconds"});
  for (const std::string& m : methods) {
    std::vector<double> heldout, training, steps, updates, seconds;
    for (const Run* run : by_method[m]) {
      heldout.push_back(MeanOfMazes(*run));
      training.push_back(run->final_solved_rate);
      steps.push_back(run->env_steps);
      updates.push_back(run->student_updates);
      seconds.push_back(run->seconds);
    }
    MeanSd h = Summarise(heldout), t = Summarise(training);
    per_method.AddRow({m, std::to_string(by_method[m].size()), report::Table::Num(h.mean, 3),
                       report::Table::Num(h.sd, 2), report::Table::Num(t.mean, 3),
                       report::Table::Num(t.sd, 2), report::Table::Num(Summarise(steps).mean, 4),
                       report::Table::Num(Summarise(updates).mean, 4),
                       report::Table::Num(Summarise(seconds).mean, 4)});
  }
  per_method.WriteCsv(out_dir / "methods.csv");

  // Mazes in the order of the first run's eval.csv (a map would sort them).
  const std::vector<std::string>& mazes = runs.front().mazes;
  std::vector<std::string> columns = {"maze"};
  for (const std::string& m : methods) {
    columns.push_back(m + "_mean");
    columns.push_back(m + "_sd");
  }
  for (const std::string& c : PublishedColumns()) columns.push_back("published_" + c);
  report::Table rates(columns);
  for (const std::string& maze : mazes) {
    std::vector<std::string> row = {maze};
    for (const std::string& m : methods) {
      std::vector<double> values;
      for (const Run* run : by_method[m]) {
        auto it = run->solve_rate.find(maze);
        values.push_back(it == run->solve_rate.end() ? kNaN : it->second);
      }
      MeanSd s = Summarise(values);
      row.push_back(report::Table::Num(s.mean, 2));
      row.push_back(report::Table::Num(s.sd, 2));
    }
    for (const std::string& c : PublishedColumns()) {
      row.push_back(report::Table::Num(PublishedSolveRate(c, maze)));
    }
    rates.AddRow(row);
  }
  rates.WriteCsv(out_dir / "solve_rates.csv");

  report::Figure solved =
      CurveFigure(methods, by_method, "protagonist_solved_rate",
                  "Training solved rate (mean and +-1 sd over seeds)", "solved rate", max_steps);
  solved.y_range = {0, 1};
  report::Figure path = CurveFigure(methods, by_method, "level_shortest_path",
                                    "Shortest path of the training levels", "moves", max_steps);
  std::string figure_error;
  report::RenderFigures({{"training_solved_rate", solved}, {"level_shortest_path", path}},
                        out_dir / "figures", &figure_error);

  report::RunReport doc;
  doc.title = "UED methods over seeds";
  report::ReportSection& summary = doc.sections.emplace_back();
  summary.title = "Summary";
  summary.Text(std::to_string(runs.size()) + " runs of " + std::to_string(methods.size()) +
               " methods. Held-out mean solve rate: the mean over the mazes of each run's "
               "eval.csv, then mean and sample standard deviation over seeds; training solved "
               "rate over each run's last tenth of updates.");
  summary.TableCsv("methods.csv", "Per method");
  summary.FigureSvg("figures/training_solved_rate.svg");
  summary.FigureSvg("figures/level_shortest_path.svg");
  if (!figure_error.empty()) summary.Text("Figures could not be rendered: " + figure_error);
  report::ReportSection& heldout = doc.sections.emplace_back();
  heldout.title = "Zero-shot solve rates on the held-out mazes";
  heldout.Text(
      "Mean and sd over seeds per method; published columns from facebookresearch/dcd "
      "(25 blocks: 250M steps; 0-60 blocks: 20k updates), far longer training.");
  heldout.TableCsv("solve_rates.csv");
  heldout.TableCsv("runs.csv", "Every run");
  report::WriteRunReport(doc, out_dir);
  return {static_cast<int>(runs.size()), static_cast<int>(methods.size())};
}

}  // namespace advlab::paired
