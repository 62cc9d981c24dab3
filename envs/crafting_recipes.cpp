#include "envs/crafting_recipes.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include "core/error.h"
#include "core/yaml_file.h"

namespace advlab::envs::crafting {
namespace {

class Reader {
 public:
  explicit Reader(std::filesystem::path path) : path_(std::move(path)) {}
  [[noreturn]] void Fail(const std::string& key, const std::string& why) const {
    throw InputError(path_.string() + ": " + key + ": " + why);
  }
  // Names are what instructions say: lower-case words, single spaces.
  std::string Name(const YAML::Node& node, const std::string& key) {
    if (!node || !node.IsScalar()) Fail(key, "expected a name");
    std::string name = node.as<std::string>();
    bool ok = !name.empty() && name.front() != ' ' && name.back() != ' ' &&
              name.find("  ") == std::string::npos;
    for (char c : name) {
      ok = ok && (std::islower(static_cast<unsigned char>(c)) || c == ' ');
    }
    if (!ok) Fail(key, "'" + name + "': names are lower-case words (a-z, single spaces)");
    const auto [first, fresh] = names_.emplace(name, key);
    if (!fresh) Fail(key, "the name '" + name + "' is used twice (first in " + first->second + ")");
    return name;
  }
  int Count(const YAML::Node& node, const std::string& key, int max) const {
    int value = 0;
    try {
      value = node.as<int>();
    } catch (const YAML::Exception&) {
      Fail(key, "expected a whole number");
    }
    if (value < 1 || value > max) Fail(key, "must be between 1 and " + std::to_string(max));
    return value;
  }
  YAML::Node Map(const YAML::Node& node, const std::string& key,
                 const std::set<std::string>& allowed) const {
    if (!node || !node.IsMap()) Fail(key, "expected a mapping");
    for (const auto& entry : node) {
      const std::string k = entry.first.as<std::string>();
      if (!allowed.empty() && !allowed.count(k)) Fail(key + "." + k, "unknown key");
    }
    return node;
  }

 private:
  std::filesystem::path path_;
  std::map<std::string, std::string> names_;  // name -> the key it was first given under
};

int IndexOf(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

}  // namespace

std::string Recipes::GoalName(const Goal& goal) const {
  return materials[static_cast<size_t>(goal.material)].name + " " +
         forms[static_cast<size_t>(goal.form)].name;
}

std::vector<Goal> Recipes::AllGoals() const {
  std::vector<Goal> goals;
  for (int m = 0; m < MaterialCount(); ++m) {
    for (int f = 0; f < static_cast<int>(forms.size()); ++f) goals.push_back({m, f});
  }
  return goals;
}

std::vector<int> Recipes::ToolsNeeded(const Goal& goal) const {
  std::vector<int> order;
  std::function<void(int)> need = [&](int material) {
    const int tool = materials[static_cast<size_t>(material)].tool;
    if (tool < 0 || std::count(order.begin(), order.end(), tool)) return;
    const std::vector<int>& inputs = tools[static_cast<size_t>(tool)].inputs;
    for (int m = 0; m < MaterialCount(); ++m) {
      if (inputs[static_cast<size_t>(m)] > 0) need(m);
    }
    order.push_back(tool);
  };
  need(goal.material);
  return order;
}

std::vector<int> Recipes::UnitsNeeded(const Goal& goal) const {
  std::vector<int> units(materials.size(), 0);
  units[static_cast<size_t>(goal.material)] += forms[static_cast<size_t>(goal.form)].units;
  for (int tool : ToolsNeeded(goal)) {
    for (size_t m = 0; m < units.size(); ++m)
      units[m] += tools[static_cast<size_t>(tool)].inputs[m];
  }
  return units;
}

Recipes LoadRecipes(const std::filesystem::path& path) {
  const YAML::Node root = core::LoadYamlFile(path);
  Reader r(path);
  if (!root.IsMap()) r.Fail("(top)", "expected a mapping");
  r.Map(root, "(top)", {"materials", "stations", "tools", "forms"});
  Recipes recipes;

  const YAML::Node stations = root["stations"];
  if (!stations || !stations.IsSequence() || stations.size() == 0) {
    r.Fail("stations", "expected a list of station names");
  }
  for (const YAML::Node& s : stations) recipes.stations.push_back(r.Name(s, "stations"));
  auto station = [&](const YAML::Node& node, const std::string& key) {
    const int index =
        node && node.IsScalar() ? IndexOf(recipes.stations, node.as<std::string>()) : -1;
    if (index < 0) r.Fail(key, "expected one of the stations");
    return index;
  };

  // Tool names first: materials refer to them.
  const YAML::Node tools = root["tools"];
  if (tools) r.Map(tools, "tools", {});
  std::vector<std::string> tool_names;
  if (tools) {
    for (const auto& entry : tools) tool_names.push_back(r.Name(entry.first, "tools"));
  }
  const YAML::Node materials = r.Map(root["materials"], "materials", {});
  if (materials.size() == 0) r.Fail("materials", "lists none");
  std::vector<std::string> material_names;
  for (const auto& entry : materials) {
    Material m;
    m.name = r.Name(entry.first, "materials");
    const std::string key = "materials." + m.name;
    r.Map(entry.second, key, {"resource", "tool"});
    m.resource = r.Name(entry.second["resource"], key + ".resource");
    if (entry.second["tool"]) {
      const YAML::Node tool = entry.second["tool"];
      m.tool = tool.IsScalar() ? IndexOf(tool_names, tool.as<std::string>()) : -1;
      if (m.tool < 0) r.Fail(key + ".tool", "expected one of the tools");
    }
    material_names.push_back(m.name);
    recipes.materials.push_back(m);
  }
  if (tools) {
    for (const auto& entry : tools) {
      Tool t;
      t.name = entry.first.as<std::string>();
      const std::string key = "tools." + t.name;
      r.Map(entry.second, key, {"station", "inputs"});
      t.station = station(entry.second["station"], key + ".station");
      t.inputs.assign(recipes.materials.size(), 0);
      const YAML::Node inputs = r.Map(entry.second["inputs"], key + ".inputs", {});
      if (inputs.size() == 0) r.Fail(key + ".inputs", "lists none");
      for (const auto& input : inputs) {
        const std::string name = input.first.as<std::string>();
        const int m = IndexOf(material_names, name);
        if (m < 0) r.Fail(key + ".inputs." + name, "not one of the materials");
        t.inputs[static_cast<size_t>(m)] = r.Count(input.second, key + ".inputs." + name, 9);
      }
      recipes.tools.push_back(t);
    }
  }
  const YAML::Node forms = r.Map(root["forms"], "forms", {});
  if (forms.size() == 0) r.Fail("forms", "lists none");
  for (const auto& entry : forms) {
    Form f;
    f.name = r.Name(entry.first, "forms");
    const std::string key = "forms." + f.name;
    r.Map(entry.second, key, {"station", "units"});
    f.station = station(entry.second["station"], key + ".station");
    f.units = r.Count(entry.second["units"], key + ".units", 9);
    recipes.forms.push_back(f);
  }

  // A tool whose inputs need the tool itself can never be made.
  for (size_t t = 0; t < recipes.tools.size(); ++t) {
    std::set<int> seen;
    std::function<bool(int)> reaches = [&](int tool) {
      if (!seen.insert(tool).second) return false;
      for (size_t m = 0; m < recipes.materials.size(); ++m) {
        const int needs = recipes.materials[m].tool;
        if (recipes.tools[static_cast<size_t>(tool)].inputs[m] > 0 && needs >= 0 &&
            (needs == static_cast<int>(t) || reaches(needs))) {
          return true;
        }
      }
      return false;
    };
    if (reaches(static_cast<int>(t))) {
      r.Fail("tools." + recipes.tools[t].name, "its inputs can only be mined with itself");
    }
  }
  return recipes;
}

}  // namespace advlab::envs::crafting
