#include "tools/cli.h"

#include <filesystem>

#include "core/csv_reader.h"
#include "core/error.h"

namespace advlab {

long long JobArgs::IntFlag(const std::string& flag, long long fallback, long long min,
                           long long max) const {
  auto it = flags.find(flag);
  if (it == flags.end()) return fallback;
  std::optional<long long> value = core::ParseInteger(it->second);
  if (!value || *value < min || *value > max) {
    throw InputError(flag + " must be an integer in [" + std::to_string(min) + ", " +
                     std::to_string(max) + "], not '" + it->second + "'");
  }
  return *value;
}

void RefuseOverwrite(const JobArgs& args, const std::string& path) {
  if (std::filesystem::is_directory(path)) {
    throw InputError(path + ": is a directory; --out names the file to write");
  }
  if (std::filesystem::exists(path) && !args.force) {
    throw InputError(path + ": exists; pass --force to overwrite it");
  }
}

void RequireEmptyDirectory(const std::string& path) {
  if (std::filesystem::exists(path) &&
      !(std::filesystem::is_directory(path) && std::filesystem::is_empty(path))) {
    throw InputError(path + ": output directory exists and is not empty; choose another --out");
  }
}

JobArgs ParseJobArgs(const std::vector<std::string>& args,
                     const std::set<std::string>& value_flags) {
  JobArgs parsed;
  std::set<std::string> seen;  // an option given twice would silently take the last
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](const char* flag) {
      if (i + 1 >= args.size() || args[i + 1].empty()) {
        throw InputError(std::string(flag) + " needs a value");
      }
      if (!seen.insert(flag).second) throw InputError(std::string(flag) + " is given twice");
      return args[++i];
    };
    if (arg == "--help" || arg == "-h") {
      parsed.help = true;
    } else if (arg == "--config") {
      parsed.config = value("--config");
    } else if (arg == "--out") {
      parsed.out = value("--out");
    } else if (arg == "--force") {
      parsed.force = true;
    } else if (arg == "--title") {
      parsed.title = value("--title");
    } else if (value_flags.count(arg)) {
      parsed.flags[arg] = value(arg.c_str());
    } else if (arg.rfind("--", 0) == 0) {
      throw InputError("unknown option '" + arg + "' (see --help)");
    } else if (arg.find('=') != std::string::npos) {
      parsed.overrides.push_back(arg);
    } else {
      parsed.positional.push_back(arg);
    }
  }
  return parsed;
}

}  // namespace advlab
