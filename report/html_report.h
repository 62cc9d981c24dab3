#pragma once
// The report of a run, kept as data (report.json) and rendered to one
// self-contained report.html: SVG figures are inlined, PNG images embedded as
// base64, tables read back from the run's CSV files. Because the HTML is
// built from report.json and the files beside it, `advlab report RUN...` can
// rebuild or join reports without rerunning anything.
#include <filesystem>
#include <string>
#include <vector>

namespace advlab::report {

struct ReportBlock {
  enum class Kind { kText, kTable, kFigure, kImage };
  Kind kind = Kind::kText;
  std::string content;  // kText: the paragraph; others: a path relative to the run directory
  std::string caption;
};

struct ReportSection {
  std::string title;
  std::vector<ReportBlock> blocks;

  ReportSection& Text(std::string paragraph);
  ReportSection& TableCsv(std::string relative_csv, std::string caption = "");
  ReportSection& FigureSvg(std::string relative_svg, std::string caption = "");
  ReportSection& ImagePng(std::string relative_png, std::string caption = "");
};

struct RunReport {
  std::string title;
  std::vector<ReportSection> sections;

  void Save(const std::filesystem::path& run_dir) const;  // report.json
  static RunReport Load(const std::filesystem::path& run_dir);
};

// One HTML page for one or more runs; missing figures become a visible note.
std::string RenderHtml(const std::string& title, const std::vector<std::filesystem::path>& runs);
// Saves report.json and renders report.html into the run directory.
void WriteRunReport(const RunReport& report, const std::filesystem::path& run_dir);

std::string Base64(const std::string& bytes);

}  // namespace advlab::report
