#include "report/run_dir.h"

#include <unistd.h>

#include <ctime>
#include <thread>

#include "core/atomic_file.h"
#include "core/build_info.h"
#include "core/error.h"
#include "report/html_report.h"

namespace advlab::report {
namespace fs = std::filesystem;

std::string UtcTimestamp() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

RunDir::RunDir(std::string job, fs::path path) : job_(std::move(job)), path_(std::move(path)) {}

RunDir RunDir::Create(const std::string& job, const std::optional<fs::path>& out) {
  fs::path path;
  if (out) {
    path = *out;
  } else {
    std::string stamp = UtcTimestamp();
    for (char& c : stamp) {
      if (c == ':') c = '-';
    }
    path = fs::path("runs") / (job + "-" + stamp);
    // Two runs started in the same second get distinct directories.
    for (int i = 2; fs::exists(path); ++i) {
      path = fs::path("runs") / (job + "-" + stamp + "-" + std::to_string(i));
    }
  }
  if (fs::exists(path) && !fs::is_directory(path)) {
    throw InputError(path.string() + ": is a file; --out names a new or empty directory");
  }
  if (fs::exists(path) && !fs::is_empty(path)) {
    throw InputError(path.string() +
                     ": output directory exists and is not empty; choose another --out");
  }
  std::error_code error;
  fs::create_directories(path / "figures", error);
  if (error) throw InputError(path.string() + ": cannot create directory: " + error.message());
  RunDir run(job, path);
  run.manifest_ = {{"job", job},
                   {"advlab_version", Version()},
                   {"git_commit", GitCommit()},
                   {"cores", std::thread::hardware_concurrency()}};
  char host[256] = {0};
  if (gethostname(host, sizeof(host) - 1) == 0) run.manifest_["host"] = host;
  return run;
}

RunDir RunDir::Reopen(const fs::path& path) {
  fs::path manifest = path / "manifest.json";
  if (!fs::exists(manifest))
    throw InputError(path.string() + ": not a run directory (no manifest.json)");
  nlohmann::json doc =
      nlohmann::json::parse(core::ReadFile(manifest), nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) throw InputError(manifest.string() + ": malformed manifest");
  RunDir run(doc.value("job", "unknown"), path);
  run.manifest_ = doc;
  // Earlier sessions stay on record; the current one overwrites the top-level times.
  nlohmann::json previous = {{"start_time", doc.value("start_time", "")},
                             {"end_time", doc["end_time"]},
                             {"status", doc.value("status", "")}};
  // How a session ended belongs to that session, not to the resumed run.
  for (const char* key : {"failure", "interrupted"}) {
    if (doc.contains(key)) {
      previous[key] = doc[key];
      run.manifest_.erase(key);
    }
  }
  run.manifest_["previous_sessions"].push_back(previous);
  run.manifest_["advlab_version"] = Version();
  run.manifest_["git_commit"] = GitCommit();
  return run;
}

void RunDir::WriteConfig(const std::string& resolved_yaml) const {
  core::WriteFileAtomically(path_ / "config.yaml", resolved_yaml);
}

void RunDir::SetManifest(const std::string& key, nlohmann::json value) {
  manifest_[key] = std::move(value);
}

void RunDir::Start() {
  started_ = std::chrono::steady_clock::now();
  manifest_["start_time"] = UtcTimestamp();
  manifest_["end_time"] = nullptr;
  manifest_["status"] = "running";
  WriteManifest();
}

void RunDir::End(const std::string& status) {
  manifest_["end_time"] = UtcTimestamp();
  manifest_["wall_seconds"] =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  manifest_["status"] = status;
  WriteManifest();
  // The report's summary card shows the status and wall time: render it
  // again now that they are final (report.json holds everything else).
  if (fs::exists(path_ / "report.json")) {
    try {
      RunReport report = RunReport::Load(path_);
      core::WriteFileAtomically(path_ / "report.html", RenderHtml(report.title, {path_}, path_));
    } catch (const std::exception&) {
      // The run's own outcome matters more than its page: keep the old one.
    }
  }
}

void RunDir::Finish() { End("complete"); }

void RunDir::Fail(const std::string& reason) {
  manifest_["failure"] = reason;
  End("failed");
}

void RunDir::Interrupt(const std::string& how_to_continue) {
  manifest_["interrupted"] = how_to_continue;
  End("interrupted");
}

void RunDir::WriteManifest() const {
  core::WriteFileAtomically(path_ / "manifest.json", manifest_.dump(2) + "\n");
}

std::optional<uint64_t> ManifestSeed(const fs::path& run) {
  const fs::path manifest = run / "manifest.json";
  if (!fs::exists(manifest)) return std::nullopt;
  const nlohmann::json doc =
      nlohmann::json::parse(core::ReadFile(manifest), nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("seed") || !doc["seed"].is_number_unsigned()) {
    return std::nullopt;
  }
  return doc["seed"].get<uint64_t>();
}

}  // namespace advlab::report
