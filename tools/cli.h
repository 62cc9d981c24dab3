#pragma once
// Command-line parsing shared by the jobs:
//   advlab <job> [--config FILE] [--out DIR] [--help] [key.sub=value ...] [positional ...]
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace advlab {

struct JobArgs {
  std::optional<std::string> config;
  std::optional<std::string> out;
  std::optional<std::string> title;
  std::vector<std::string> overrides;        // key=value
  std::vector<std::string> positional;       // anything else without a leading dash
  std::map<std::string, std::string> flags;  // job-specific --flag VALUE pairs
  bool help = false;
  bool force = false;  // --force: a file output may replace an existing file

  // A job-specific flag parsed as an integer in [min, max]; InputError otherwise.
  long long IntFlag(const std::string& flag, long long fallback, long long min,
                    long long max) const;
};

// For jobs that write one file: an existing `path` is an InputError unless
// --force was given (a directory is never replaced).
void RefuseOverwrite(const JobArgs& args, const std::string& path);
// For commands that fill a directory: it must be new or empty.
void RequireEmptyDirectory(const std::string& path);

// Throws InputError for unknown flags or a flag without its value.
// `value_flags` lists the job's own flags that take a value (e.g. "--seed").
JobArgs ParseJobArgs(const std::vector<std::string>& args,
                     const std::set<std::string>& value_flags = {});

}  // namespace advlab
