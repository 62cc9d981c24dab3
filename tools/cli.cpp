#include "tools/cli.h"

#include "report/error.h"

namespace advlab {

JobArgs ParseJobArgs(const std::vector<std::string>& args) {
  JobArgs parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](const char* flag) {
      if (i + 1 >= args.size()) throw InputError(std::string(flag) + " needs a value");
      return args[++i];
    };
    if (arg == "--help" || arg == "-h") {
      parsed.help = true;
    } else if (arg == "--config") {
      parsed.config = value("--config");
    } else if (arg == "--out") {
      parsed.out = value("--out");
    } else if (arg == "--title") {
      parsed.title = value("--title");
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
