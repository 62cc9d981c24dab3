#pragma once
// The report of a run, kept as data (report.json) and rendered to one
// self-contained report.html: SVG figures are inlined, PNG images embedded as
// base64, tables read back from the run's CSV files. Because the HTML is
// built from report.json and the files beside it, `advlab report RUN...` can
// rebuild or join reports without rerunning anything.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace advlab::report {

struct ReportBlock {
  enum class Kind { kText, kTable, kFigure, kImage };
  Kind kind = Kind::kText;
  std::string content;  // kText: the paragraph; others: a path relative to the run directory
  std::string caption;
  // Small multiples: consecutive tiled blocks share a row, as many per row
  // as the page is wide (categories, trajectories, heatmaps).
  bool tiled = false;
  // kTable: what each column means, shown once under the table.
  std::vector<std::pair<std::string, std::string>> columns;
};

struct ReportSection {
  std::string title;
  std::vector<ReportBlock> blocks;

  ReportSection& Text(std::string paragraph);
  ReportSection& TableCsv(std::string relative_csv, std::string caption = "");
  ReportSection& FigureSvg(std::string relative_svg, std::string caption = "");
  ReportSection& ImagePng(std::string relative_png, std::string caption = "");
  ReportSection& Add(ReportBlock::Kind kind, std::string content, std::string caption);
  // Marks the last block as one of a row of small multiples.
  ReportSection& Tiled();
  // Explains the last table's columns: {name, meaning}.
  ReportSection& Columns(std::vector<std::pair<std::string, std::string>> columns);
};

// One of the few numbers a reader should see first ("robust accuracy, 8/255
// L-inf, APGD": "0.21 [0.16, 0.27]").
struct KeyNumber {
  std::string label;
  std::string value;
};

struct RunReport {
  std::string title;
  // The summary card at the top: key numbers, then warnings computed from
  // the data (a budget far below the paper's, a label set near chance, ...).
  std::vector<KeyNumber> summary;
  std::vector<std::string> warnings;
  std::vector<ReportSection> sections;
  // Columns of the run's metrics.csv worth a mean-and-band figure when
  // several runs of the job (seeds) are joined by `advlab report`.
  std::vector<std::string> seed_curves;

  void Save(const std::filesystem::path& run_dir) const;  // report.json
  static RunReport Load(const std::filesystem::path& run_dir);
};

// One HTML page for one or more runs: per run a summary card (status, seed,
// commit, wall time, key numbers, warnings) and a table of contents linking
// each section, CSV and config.yaml; missing figures become a visible note.
// Links to files are relative to `page_dir`, where the page is written.
std::string RenderHtml(const std::string& title, const std::vector<std::filesystem::path>& runs,
                       const std::filesystem::path& page_dir);
// Saves report.json and renders report.html into the run directory.
void WriteRunReport(const RunReport& report, const std::filesystem::path& run_dir);

std::string Base64(const std::string& bytes);

}  // namespace advlab::report
