#include "report/html_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/check.h"
#include "core/csv_reader.h"
#include "core/error.h"
#include "report/table.h"

namespace advlab::report {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char* KindName(ReportBlock::Kind kind) {
  switch (kind) {
    case ReportBlock::Kind::kText:
      return "text";
    case ReportBlock::Kind::kTable:
      return "table";
    case ReportBlock::Kind::kFigure:
      return "figure";
    case ReportBlock::Kind::kImage:
      return "image";
  }
  return "text";
}

ReportBlock::Kind KindFromName(const std::string& name, const std::string& file) {
  if (name == "text") return ReportBlock::Kind::kText;
  if (name == "table") return ReportBlock::Kind::kTable;
  if (name == "figure") return ReportBlock::Kind::kFigure;
  if (name == "image") return ReportBlock::Kind::kImage;
  throw InputError(file + ": unknown block kind '" + name + "'");
}

constexpr const char* kStyle = R"(<style>
body { font-family: Helvetica, Arial, sans-serif; max-width: 1100px; margin: 2em auto;
       padding: 0 1em; color: #222; }
h1 { border-bottom: 2px solid #444; } h2 { border-bottom: 1px solid #bbb; margin-top: 2em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
th { background: #f0f0f0; } td:first-child, th:first-child { text-align: left; }
figure { margin: 1em 0; } figcaption { font-size: 13px; color: #555; }
.missing { color: #a00; } .run { color: #666; font-size: 13px; }
/* run paths and file names are long unbroken words: wrap them on phones */
p, dd, li { overflow-wrap: anywhere; }
svg, img { max-width: 100%; height: auto; }
.table-scroll { overflow-x: auto; }
.summary { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px;
           padding: 0.5em 1em; margin: 1em 0; }
.summary dl { display: flex; flex-wrap: wrap; gap: 0.4em 2em; margin: 0.5em 0; }
.summary dt { font-size: 12px; color: #555; } .summary dd { margin: 0; font-weight: bold; }
.warnings { color: #8a4b00; margin: 0.5em 0; }
nav ol { columns: 2 18em; margin: 0.5em 0; } nav .files { font-size: 13px; }
.tiles { display: grid; gap: 0 1em; align-items: start;
         grid-template-columns: repeat(auto-fill, minmax(min(440px, 100%), 1fr)); }
.tiles.pictures { grid-template-columns: repeat(auto-fill, minmax(min(240px, 100%), 1fr)); }
.tiles figure { margin: 0.5em 0; }
details.columns { font-size: 13px; color: #444; } details.columns dl { margin: 0.3em 0; }
details.columns dt { font-family: monospace; margin-top: 0.3em; }
details.columns dd { margin-left: 1.5em; }
</style>)";

// What a page has already shown: an image that appears twice on one page
// (the same PNG in a run's report and a joined one) is embedded once and
// linked after that.
struct PageState {
  std::map<std::string, std::string> image_anchor;  // PNG bytes -> id of its first figure
};

std::string ColumnNotes(const ReportBlock& block) {
  if (block.columns.empty()) return "";
  std::string html = "<details class=\"columns\"><summary>columns</summary><dl>";
  for (const auto& [name, meaning] : block.columns) {
    html += "<dt>" + HtmlEscape(name) + "</dt><dd>" + HtmlEscape(meaning) + "</dd>";
  }
  return html + "</dl></details>";
}

std::string RenderBlock(const ReportBlock& block, const fs::path& run_dir, PageState& page) {
  std::string caption =
      block.caption.empty() ? "" : "<figcaption>" + HtmlEscape(block.caption) + "</figcaption>";
  if (block.kind == ReportBlock::Kind::kText) return "<p>" + HtmlEscape(block.content) + "</p>\n";
  fs::path path = run_dir / block.content;
  if (!fs::exists(path)) {
    return "<p class=\"missing\">missing: " + HtmlEscape(path.string()) + "</p>\n";
  }
  switch (block.kind) {
    case ReportBlock::Kind::kTable: {
      core::CsvTable csv = core::ReadCsv(path);
      Table table(csv.header);
      for (const core::CsvRow& row : csv.rows) table.AddRow(row.cells);
      // Wide tables (a column per method and seed) scroll inside the page
      // instead of widening it.
      return "<figure>" + caption + "<div class=\"table-scroll\">" + table.ToHtml() + "</div>" +
             ColumnNotes(block) + "</figure>\n";
    }
    case ReportBlock::Kind::kFigure: {
      std::string svg = core::ReadFile(path);
      // Drop the XML prolog so the SVG can sit inside HTML.
      size_t start = svg.find("<svg");
      if (start != std::string::npos) svg = svg.substr(start);
      return "<figure>" + svg + caption + "</figure>\n";
    }
    case ReportBlock::Kind::kImage: {
      std::string png = core::ReadFile(path);
      auto [seen, first] =
          page.image_anchor.emplace(png, "img" + std::to_string(page.image_anchor.size()));
      if (!first) {
        return "<figure><p class=\"run\"><a href=\"#" + seen->second +
               "\">the same picture as above</a></p>" + caption + "</figure>\n";
      }
      return "<figure id=\"" + seen->second + "\"><img alt=\"" + HtmlEscape(block.content) +
             "\" src=\"data:image/png;base64," + Base64(png) + "\">" + caption + "</figure>\n";
    }
    case ReportBlock::Kind::kText:
      break;
  }
  return "";
}

// Blocks in order; runs of tiled blocks share a grid row.
std::string RenderBlocks(const std::vector<ReportBlock>& blocks, const fs::path& run_dir,
                         PageState& page) {
  std::string html;
  bool in_tiles = false;
  for (const ReportBlock& block : blocks) {
    if (block.tiled != in_tiles) {
      // Figures need room for their text; pictures (levels, trajectories) less.
      const bool pictures = block.kind == ReportBlock::Kind::kImage;
      html += !block.tiled ? "</div>\n"
              : pictures   ? "<div class=\"tiles pictures\">\n"
                           : "<div class=\"tiles\">\n";
      in_tiles = block.tiled;
    }
    html += RenderBlock(block, run_dir, page);
  }
  return in_tiles ? html + "</div>\n" : html;
}

// A file path as a URL path: the characters that would end or change it
// (%, #, ?, space, quotes) percent-encoded.
std::string UrlPath(const fs::path& path) {
  std::string out;
  for (char c : path.string()) {
    if (c == '%' || c == '#' || c == '?' || c == ' ' || c == '"' || c == '\'') {
      char code[4];
      std::snprintf(code, sizeof(code), "%%%02X", static_cast<unsigned char>(c));
      out += code;
    } else {
      out += c;
    }
  }
  return out;
}

// Status, seed, commit and wall time from the manifest, then the key
// numbers and warnings: what a reader needs before any figure.
std::string SummaryCard(const RunReport& report, const fs::path& run) {
  std::string html = "<section class=\"summary\"><dl>";
  auto item = [&](const std::string& label, const std::string& value) {
    html += "<div><dt>" + HtmlEscape(label) + "</dt><dd>" + HtmlEscape(value) + "</dd></div>";
  };
  const fs::path manifest = run / "manifest.json";
  if (fs::exists(manifest)) {
    json doc = json::parse(core::ReadFile(manifest), nullptr, /*allow_exceptions=*/false);
    if (doc.is_object()) {
      item("status", doc.value("status", "?"));
      if (doc.contains("seed")) item("seed", doc["seed"].dump());
      // A joined run (the demo) records its parts' seeds.
      if (doc.contains("seeds") && doc["seeds"].is_object()) {
        std::string seeds;
        for (const auto& [part, seed] : doc["seeds"].items()) {
          seeds += (seeds.empty() ? "" : ", ") + part + " " + seed.dump();
        }
        item("seeds", seeds);
      }
      item("commit", doc.value("git_commit", "?"));
      if (doc.contains("wall_seconds") && doc["wall_seconds"].is_number()) {
        const double seconds = doc["wall_seconds"].get<double>();
        item("wall time", seconds < 100 ? Table::Num(seconds, 3) + " s"
                                        : std::to_string(std::llround(seconds)) + " s");
      }
      item("started", doc.value("start_time", "?"));
    }
  }
  for (const KeyNumber& number : report.summary) item(number.label, number.value);
  html += "</dl>";
  if (!report.warnings.empty()) {
    html += "<ul class=\"warnings\">";
    for (const std::string& warning : report.warnings) {
      html += "<li>" + HtmlEscape(warning) + "</li>";
    }
    html += "</ul>";
  }
  return html +
         "<p class=\"run\">run: " + HtmlEscape(fs::absolute(run).lexically_normal().string()) +
         "</p></section>\n";
}

// Every section, then the run's CSV files and its config, linked relative to
// the directory the page is written to.
std::string Contents(const RunReport& report, const fs::path& run, const std::string& anchor,
                     const fs::path& page_dir) {
  std::string html = "<nav><ol>";
  std::vector<std::string> csvs;
  for (size_t s = 0; s < report.sections.size(); ++s) {
    html += "<li><a href=\"#" + anchor + "-s" + std::to_string(s) + "\">" +
            HtmlEscape(report.sections[s].title) + "</a></li>";
    for (const ReportBlock& block : report.sections[s].blocks) {
      if (block.kind == ReportBlock::Kind::kTable) csvs.push_back(block.content);
    }
  }
  html += "</ol>";
  // A joined page (the demo's) links each part's own report: the first
  // directory of its blocks' paths, where that holds a report.html.
  std::vector<std::string> parts;
  for (const ReportSection& section : report.sections) {
    for (const ReportBlock& block : section.blocks) {
      if (block.kind == ReportBlock::Kind::kText) continue;
      const std::string part = block.content.substr(0, block.content.find('/'));
      if (part == block.content || !fs::exists(run / part / "report.html")) continue;
      const std::string page = part + "/report.html";
      if (std::find(parts.begin(), parts.end(), page) == parts.end()) parts.push_back(page);
    }
  }
  // CSVs the sections mention but do not show as tables (the attack's
  // per-class confusion counts) are linked too.
  std::vector<std::string> others;
  std::error_code ignored;
  for (const fs::directory_entry& entry : fs::directory_iterator(run, ignored)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".csv" &&
        std::find(csvs.begin(), csvs.end(), name) == csvs.end()) {
      others.push_back(name);
    }
  }
  std::sort(others.begin(), others.end());
  csvs.insert(csvs.end(), others.begin(), others.end());
  if (fs::exists(run / "config.yaml")) csvs.insert(csvs.begin(), "config.yaml");
  // A joined page links its parts' configs too.
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    const std::string config = it->substr(0, it->find('/')) + "/config.yaml";
    if (fs::exists(run / config)) csvs.insert(csvs.begin(), config);
  }
  auto links = [&](const char* label, const std::vector<std::string>& files) {
    if (files.empty()) return;
    html += "<p class=\"files\">" + std::string(label) + ": ";
    for (size_t i = 0; i < files.size(); ++i) {
      const fs::path file = fs::absolute(run / files[i]).lexically_normal();
      fs::path target = file.lexically_relative(fs::absolute(page_dir).lexically_normal());
      if (target.empty()) target = file;
      html += (i ? " &middot; " : "") + std::string("<a href=\"") + HtmlEscape(UrlPath(target)) +
              "\">" + HtmlEscape(files[i]) + "</a>";
    }
    html += "</p>";
  };
  links("reports", parts);
  links("files", csvs);
  return html + "</nav>\n";
}

}  // namespace

ReportSection& ReportSection::Add(ReportBlock::Kind kind, std::string content,
                                  std::string caption) {
  ReportBlock& block = blocks.emplace_back();
  block.kind = kind;
  block.content = std::move(content);
  block.caption = std::move(caption);
  return *this;
}
ReportSection& ReportSection::Text(std::string paragraph) {
  Add(ReportBlock::Kind::kText, std::move(paragraph), "");
  return *this;
}
ReportSection& ReportSection::TableCsv(std::string relative_csv, std::string caption) {
  Add(ReportBlock::Kind::kTable, std::move(relative_csv), std::move(caption));
  return *this;
}
ReportSection& ReportSection::FigureSvg(std::string relative_svg, std::string caption) {
  Add(ReportBlock::Kind::kFigure, std::move(relative_svg), std::move(caption));
  return *this;
}
ReportSection& ReportSection::ImagePng(std::string relative_png, std::string caption) {
  Add(ReportBlock::Kind::kImage, std::move(relative_png), std::move(caption));
  return *this;
}
ReportSection& ReportSection::Tiled() {
  ADVLAB_CHECK(!blocks.empty());  // Tiled() marks the last block
  blocks.back().tiled = true;
  return *this;
}
ReportSection& ReportSection::Columns(std::vector<std::pair<std::string, std::string>> columns) {
  // Columns() explains the last block, which must be a table.
  ADVLAB_CHECK(!blocks.empty() && blocks.back().kind == ReportBlock::Kind::kTable);
  blocks.back().columns = std::move(columns);
  return *this;
}

void RunReport::Save(const fs::path& run_dir) const {
  json sections = json::array();
  for (const ReportSection& section : this->sections) {
    json blocks = json::array();
    for (const ReportBlock& block : section.blocks) {
      json entry = {
          {"kind", KindName(block.kind)}, {"content", block.content}, {"caption", block.caption}};
      if (block.tiled) entry["tiled"] = true;
      if (!block.columns.empty()) entry["columns"] = block.columns;
      blocks.push_back(std::move(entry));
    }
    sections.push_back({{"title", section.title}, {"blocks", blocks}});
  }
  json key_numbers = json::array();
  for (const KeyNumber& number : summary) {
    key_numbers.push_back({{"label", number.label}, {"value", number.value}});
  }
  json doc = {{"title", title},
              {"summary", key_numbers},
              {"warnings", warnings},
              {"seed_curves", seed_curves},
              {"sections", sections}};
  core::WriteFileAtomically(run_dir / "report.json", doc.dump(2) + "\n");
}

RunReport RunReport::Load(const fs::path& run_dir) {
  fs::path file = run_dir / "report.json";
  if (!fs::exists(file)) {
    throw InputError(file.string() + ": not found; is " + run_dir.string() + " an advlab run?");
  }
  RunReport report;
  try {
    json doc = json::parse(core::ReadFile(file));
    report.title = doc.at("title").get<std::string>();
    // Reports written before the summary card have none.
    for (const json& number : doc.value("summary", json::array())) {
      report.summary.push_back(
          {number.at("label").get<std::string>(), number.at("value").get<std::string>()});
    }
    report.warnings = doc.value("warnings", std::vector<std::string>());
    report.seed_curves = doc.value("seed_curves", std::vector<std::string>());
    for (const json& section : doc.at("sections")) {
      ReportSection loaded;
      loaded.title = section.at("title").get<std::string>();
      for (const json& block : section.at("blocks")) {
        ReportBlock& b = loaded.blocks.emplace_back();
        b.kind = KindFromName(block.at("kind").get<std::string>(), file.string());
        b.content = block.at("content").get<std::string>();
        b.caption = block.value("caption", std::string());
        b.tiled = block.value("tiled", false);
        b.columns = block.value("columns", std::vector<std::pair<std::string, std::string>>());
      }
      report.sections.push_back(std::move(loaded));
    }
  } catch (const json::exception& e) {
    throw InputError(file.string() + ": malformed report description: " + e.what());
  }
  return report;
}

std::string RenderHtml(const std::string& title, const std::vector<fs::path>& runs,
                       const fs::path& page_dir) {
  std::string html =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\"><title>" +
      HtmlEscape(title) + "</title>\n" + kStyle + "</head><body>\n<h1>" + HtmlEscape(title) +
      "</h1>\n";
  PageState page;
  for (const fs::path& run : runs) {
    RunReport report = RunReport::Load(run);
    const std::string anchor = "r" + std::to_string(&run - runs.data());
    if (runs.size() > 1) {
      html += "<h1 id=\"" + anchor + "\">" + HtmlEscape(report.title) + "</h1>\n";
    }
    html += SummaryCard(report, run) + Contents(report, run, anchor, page_dir);
    for (size_t s = 0; s < report.sections.size(); ++s) {
      const ReportSection& section = report.sections[s];
      html += "<h2 id=\"" + anchor + "-s" + std::to_string(s) + "\">" + HtmlEscape(section.title) +
              "</h2>\n";
      html += RenderBlocks(section.blocks, run, page);
    }
  }
  return html + "</body></html>\n";
}

void WriteRunReport(const RunReport& report, const fs::path& run_dir) {
  report.Save(run_dir);
  core::WriteFileAtomically(run_dir / "report.html", RenderHtml(report.title, {run_dir}, run_dir));
}

std::string Base64(const std::string& bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < bytes.size()) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace advlab::report
