// The include graph follows the layers of ARCHITECTURE (README.md): a
// module includes only the layers beneath it, and no two files of a module
// include each other in a loop (a unit is x.h with x.cpp).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>

namespace fs = std::filesystem;

namespace {

// Which project folders each folder may include from (itself always).
const std::map<std::string, std::set<std::string>>& Allowed() {
  static const std::map<std::string, std::set<std::string>> allowed = {
      {"core", {}},
      {"report", {"core"}},
      {"envs", {"core"}},
      {"nn", {"core"}},
      {"rl", {"core", "nn"}},
      {"distributed", {"core", "nn"}},
      {"forecasting", {"core", "report"}},
      {"paired", {"core", "report", "envs", "nn", "rl", "distributed"}},
      {"adversarial", {"core", "report", "nn", "distributed"}},
      {"side_effects", {"core", "report", "envs", "nn", "rl"}},
      {"language", {"core", "report", "envs", "nn", "rl", "adversarial"}},
  };
  return allowed;
}

// unit name -> the project headers its .h and .cpp include ("folder/name").
std::map<std::string, std::set<std::string>> Includes(const std::string& folder) {
  static const std::regex include("^#include \"([a-z_]+)/([a-z_0-9]+)\\.h\"");
  std::map<std::string, std::set<std::string>> units;
  for (const auto& entry : fs::directory_iterator(fs::path(ADVLAB_SOURCE_DIR) / folder)) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".h" && ext != ".cpp") continue;
    std::set<std::string>& included = units[entry.path().stem().string()];
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      std::smatch m;
      if (std::regex_search(line, m, include)) included.insert(m[1].str() + "/" + m[2].str());
    }
  }
  return units;
}

}  // namespace

TEST_CASE("modules include only the layers beneath them", "[layers]") {
  for (const auto& [folder, allowed] : Allowed()) {
    for (const auto& [unit, included] : Includes(folder)) {
      for (const std::string& header : included) {
        const std::string from = header.substr(0, header.find('/'));
        INFO(folder << "/" << unit << " includes " << header);
        CHECK((from == folder || allowed.count(from) == 1));
      }
    }
  }
}

TEST_CASE("no include loop inside a module", "[layers]") {
  for (const auto& layer : Allowed()) {
    const std::string& folder = layer.first;  // a lambda cannot capture a structured binding
    const auto units = Includes(folder);
    std::map<std::string, int> state;  // 1: on the DFS path, 2: done
    std::function<bool(const std::string&)> loops = [&](const std::string& unit) {
      state[unit] = 1;
      for (const std::string& header : units.at(unit)) {
        if (header.rfind(folder + "/", 0) != 0) continue;
        const std::string next = header.substr(folder.size() + 1);
        if (!units.count(next) || next == unit) continue;
        if (state[next] == 1) {
          UNSCOPED_INFO(folder << ": " << unit << " -> " << next << " closes a loop");
          return true;
        }
        if (state[next] == 0 && loops(next)) return true;
      }
      state[unit] = 2;
      return false;
    };
    for (const auto& [unit, included] : units) {
      if (state[unit] == 0) CHECK_FALSE(loops(unit));
    }
  }
}
