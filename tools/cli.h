#pragma once
// Command-line parsing shared by the jobs:
//   advlab <job> [--config FILE] [--out DIR] [--help] [key.sub=value ...] [positional ...]
#include <optional>
#include <string>
#include <vector>

namespace advlab {

struct JobArgs {
  std::optional<std::string> config;
  std::optional<std::string> out;
  std::optional<std::string> title;
  std::vector<std::string> overrides;   // key=value
  std::vector<std::string> positional;  // anything else without a leading dash
  bool help = false;
};

// Throws InputError for unknown flags or a flag without its value.
JobArgs ParseJobArgs(const std::vector<std::string>& args);

}  // namespace advlab
