#include "core/config.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <map>
#include <sstream>

#include "core/build_info.h"
#include "core/csv_reader.h"
#include "core/error.h"
#include "core/yaml_file.h"

namespace advlab::core {
namespace {

std::vector<std::string> SplitKey(const std::string& key) {
  std::vector<std::string> parts;
  std::stringstream stream(key);
  std::string part;
  while (std::getline(stream, part, '.')) parts.push_back(part);
  return parts;
}

// Looks a dotted key up without creating anything (yaml-cpp's non-const
// operator[] would insert null nodes).
YAML::Node Find(const YAML::Node& root, const std::string& key) {
  YAML::Node node;
  node.reset(root);
  for (const std::string& part : SplitKey(key)) {
    if (!node.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node& view = node;
    YAML::Node child = view[part];
    if (!child.IsDefined()) return YAML::Node(YAML::NodeType::Undefined);
    node.reset(child);
  }
  return node;
}

// Sets a dotted key, creating maps on the way.
void Assign(YAML::Node& root, const std::string& key, const YAML::Node& value) {
  std::vector<std::string> parts = SplitKey(key);
  YAML::Node node(root);
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    YAML::Node child = node[parts[i]];
    if (!child.IsMap()) child = YAML::Node(YAML::NodeType::Map);
    node.reset(child);
  }
  node[parts.back()] = value;
}

void CollectLeafKeys(const YAML::Node& node, const std::string& prefix,
                     std::vector<std::string>& out) {
  if (!node.IsMap()) {
    out.push_back(prefix);
    return;
  }
  if (node.size() == 0 && !prefix.empty()) out.push_back(prefix);
  for (const auto& entry : node) {
    std::string key = entry.first.as<std::string>();
    CollectLeafKeys(entry.second, prefix.empty() ? key : prefix + "." + key, out);
  }
}

std::string Describe(const YAML::Node& node) {
  if (node.IsScalar()) return "'" + node.Scalar() + "'";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a map";
  return "nothing";
}

}  // namespace

Config::Config()
    : root_(std::make_unique<YAML::Node>(YAML::NodeType::Map)),
      resolved_(std::make_unique<YAML::Node>(YAML::NodeType::Map)) {}
Config::Config(const Config& other)
    : source_(other.source_),
      base_dir_(other.base_dir_),
      root_(std::make_unique<YAML::Node>(YAML::Clone(*other.root_))),
      resolved_(std::make_unique<YAML::Node>(YAML::Clone(*other.resolved_))),
      used_(other.used_),
      overridden_(other.overridden_) {}
Config& Config::operator=(const Config& other) {
  if (this != &other) {
    Config copy(other);
    *this = std::move(copy);
  }
  return *this;
}
Config::Config(Config&&) noexcept = default;
Config& Config::operator=(Config&&) noexcept = default;
Config::~Config() = default;

Config Config::FromString(const std::string& yaml, const std::string& name) {
  Config config;
  config.source_ = name;
  try {
    YAML::Node root = YAML::Load(yaml);
    if (root.IsNull() || !root.IsDefined()) root = YAML::Node(YAML::NodeType::Map);
    if (!root.IsMap()) throw InputError(name + ": the top level must be a map of keys");
    RejectDuplicateKeys(root, name);
    *config.root_ = root;
  } catch (const YAML::Exception& e) {
    throw InputError(name + ":" + std::to_string(e.mark.line + 1) + ": invalid YAML: " + e.msg);
  }
  return config;
}

Config Config::Load(const std::optional<std::filesystem::path>& path,
                    const std::vector<std::string>& overrides) {
  Config config;
  if (path) {
    if (!std::filesystem::exists(*path)) throw InputError(path->string() + ": no such config file");
    if (!std::filesystem::is_regular_file(*path)) {
      throw InputError(path->string() + ": not a config file (a directory or a device)");
    }
    // Configs are a few kilobytes; a huge file is a mistake, not a config.
    constexpr std::uintmax_t kMaxConfigBytes = 1 << 20;
    if (std::filesystem::file_size(*path) > kMaxConfigBytes) {
      throw InputError(path->string() + ": larger than 1 MiB; not a config file");
    }
    std::ifstream in(*path);
    std::stringstream text;
    text << in.rdbuf();
    config = FromString(text.str(), path->string());
    config.base_dir_ = std::filesystem::absolute(*path).parent_path();
  } else {
    config.source_ = "(defaults)";
    config.base_dir_ = std::filesystem::current_path();
  }
  for (const std::string& item : overrides) {
    size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw InputError("override '" + item +
                       "': expected key=value, for example fit.bootstrap=200");
    }
    std::string key = item.substr(0, eq);
    YAML::Node value;
    try {
      value = YAML::Load(item.substr(eq + 1));
    } catch (const YAML::Exception& e) {
      throw InputError("override '" + item + "': invalid value: " + e.msg);
    }
    Assign(*config.root_, key, value);
    config.overridden_.insert(key);
  }
  return config;
}

void Config::Fail(const std::string& key, const std::string& message) const {
  // A value from key=value on the command line is not the file's fault.
  const std::string where = overridden_.count(key) ? "command line (" + key + "=...)" : source_;
  throw InputError(where + ": " + key + ": " + message);
}

bool Config::Has(const std::string& key) const { return Find(*root_, key).IsDefined(); }

std::optional<std::string> Config::Scalar(const std::string& key) const {
  YAML::Node node = Find(*root_, key);
  if (!node.IsDefined()) return std::nullopt;
  if (node.IsNull()) return std::string();  // "key:" or "key=" means empty
  if (!node.IsScalar()) Fail(key, "expected a single value, found " + Describe(node));
  return node.Scalar();
}

void Config::Record(const std::string& key, const YAML::Node& value) {
  used_.insert(key);
  Assign(*resolved_, key, value);
}

long long Config::Int(const std::string& key, long long fallback, long long min, long long max) {
  long long value = fallback;
  if (std::optional<std::string> text = Scalar(key)) {
    std::optional<long long> parsed = ParseInteger(*text);
    if (!parsed) Fail(key, "expected an integer, found '" + *text + "'");
    value = *parsed;
  }
  if (value < min || value > max) {
    Fail(key, "value " + std::to_string(value) + " is out of range [" + std::to_string(min) + ", " +
                  std::to_string(max) + "]");
  }
  Record(key, YAML::Node(value));
  return value;
}

double Config::Number(const std::string& key, double fallback, double min, double max) {
  double value = fallback;
  if (std::optional<std::string> text = Scalar(key)) {
    std::optional<double> parsed = ParseDouble(*text);
    if (!parsed) Fail(key, "expected a number, found '" + *text + "'");
    value = *parsed;
  }
  if (!(value >= min && value <= max)) {
    std::ostringstream message;
    message << "value " << value << " is out of range [" << min << ", " << max << "]";
    Fail(key, message.str());
  }
  Record(key, YAML::Node(value));
  return value;
}

bool Config::Bool(const std::string& key, bool fallback) {
  bool value = fallback;
  if (std::optional<std::string> text = Scalar(key)) {
    if (*text == "true" || *text == "True" || *text == "yes" || *text == "on") {
      value = true;
    } else if (*text == "false" || *text == "False" || *text == "no" || *text == "off") {
      value = false;
    } else {
      Fail(key, "expected true or false, found '" + *text + "'");
    }
  }
  Record(key, YAML::Node(value));
  return value;
}

std::string Config::String(const std::string& key, const std::string& fallback) {
  std::string value = Scalar(key).value_or(fallback);
  Record(key, YAML::Node(value));
  return value;
}

std::string Config::Choice(const std::string& key, const std::string& fallback,
                           const std::vector<std::string>& choices) {
  std::string value = String(key, fallback);
  for (const std::string& choice : choices) {
    if (value == choice) return value;
  }
  std::string list;
  for (const std::string& choice : choices) list += (list.empty() ? "" : ", ") + choice;
  Fail(key, "'" + value + "' is not one of: " + list);
}

std::filesystem::path Config::Path(const std::string& key, const std::string& fallback) {
  bool from_file = Has(key);
  std::filesystem::path value = String(key, fallback);
  if (value.empty() || value.is_absolute()) return value;
  std::filesystem::path base = !from_file               ? ProjectHome()
                               : overridden_.count(key) ? std::filesystem::current_path()
                                                        : base_dir_;
  std::filesystem::path resolved = std::filesystem::absolute(base / value).lexically_normal();
  // The resolved config holds the path it resolved to, so a run's
  // config.yaml works with --config from any directory.
  Record(key, YAML::Node(resolved.string()));
  return resolved;
}

std::filesystem::path Config::RequiredPath(const std::string& key, const std::string& fallback) {
  std::filesystem::path value = Path(key, fallback);
  // `data.root=` is a mistake, not a request for the current directory.
  if (value.empty()) Fail(key, "is empty; give a path");
  return value;
}

std::vector<double> Config::Numbers(const std::string& key, const std::vector<double>& fallback,
                                    double min, double max) {
  std::vector<double> values = fallback;
  YAML::Node node = Find(*root_, key);
  if (node.IsDefined()) {
    if (!node.IsSequence()) Fail(key, "expected a list of numbers, found " + Describe(node));
    values.clear();
    for (size_t i = 0; i < node.size(); ++i) {
      std::optional<double> parsed =
          node[i].IsScalar() ? ParseDouble(node[i].Scalar()) : std::nullopt;
      if (!parsed) Fail(key, "item " + std::to_string(i) + " is not a number");
      values.push_back(*parsed);
    }
  }
  for (double value : values) {
    if (!(value >= min && value <= max)) {
      std::ostringstream message;
      message << "value " << value << " is out of range [" << min << ", " << max << "]";
      Fail(key, message.str());
    }
  }
  YAML::Node out(YAML::NodeType::Sequence);
  for (double value : values) out.push_back(value);
  Record(key, out);
  return values;
}

std::vector<std::string> Config::Strings(const std::string& key,
                                         const std::vector<std::string>& fallback) {
  std::vector<std::string> values = fallback;
  YAML::Node node = Find(*root_, key);
  if (node.IsDefined()) {
    if (!node.IsSequence()) Fail(key, "expected a list, found " + Describe(node));
    values.clear();
    for (size_t i = 0; i < node.size(); ++i) {
      if (!node[i].IsScalar()) Fail(key, "item " + std::to_string(i) + " is not a string");
      values.push_back(node[i].Scalar());
    }
  }
  YAML::Node out(YAML::NodeType::Sequence);
  for (const std::string& value : values) out.push_back(value);
  Record(key, out);
  return values;
}

std::map<std::string, double> Config::NumberMap(const std::string& key, double min, double max) {
  std::map<std::string, double> values;
  YAML::Node node = Find(*root_, key);
  YAML::Node out(YAML::NodeType::Map);
  if (node.IsDefined() && !node.IsNull()) {
    if (!node.IsMap()) Fail(key, "expected a map of name: number, found " + Describe(node));
    for (const auto& entry : node) {
      std::string name = entry.first.as<std::string>();
      std::optional<double> parsed =
          entry.second.IsScalar() ? ParseDouble(entry.second.Scalar()) : std::nullopt;
      if (!parsed || *parsed < min || *parsed > max) {
        std::ostringstream message;
        message << "'" << name << "' must be a number in [" << min << ", " << max << "]";
        Fail(key, message.str());
      }
      values[name] = *parsed;
      out[name] = *parsed;
    }
  }
  Record(key, out);
  return values;
}

std::vector<std::pair<std::string, std::vector<std::string>>> Config::Groups(
    const std::string& key,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& fallback) {
  auto groups = fallback;
  YAML::Node node = Find(*root_, key);
  if (node.IsDefined() && !node.IsNull()) {
    if (!node.IsSequence())
      Fail(key, "expected a list of {name, members}, found " + Describe(node));
    groups.clear();
    for (size_t i = 0; i < node.size(); ++i) {
      const YAML::Node& item = node[i];
      std::string where = "item " + std::to_string(i);
      if (!item.IsMap()) Fail(key, where + " must be a map with keys name and members");
      for (const auto& entry : item) {
        std::string field = entry.first.as<std::string>();
        if (field != "name" && field != "members")
          Fail(key, where + ": unknown key '" + field + "'");
      }
      if (!item["name"].IsScalar()) Fail(key, where + ": missing name");
      if (!item["members"].IsSequence() || item["members"].size() == 0) {
        Fail(key, where + ": members must be a non-empty list");
      }
      std::vector<std::string> members;
      for (const auto& member : item["members"]) members.push_back(member.as<std::string>());
      groups.emplace_back(item["name"].Scalar(), members);
    }
  }
  YAML::Node out(YAML::NodeType::Sequence);
  for (const auto& [name, members] : groups) {
    YAML::Node item(YAML::NodeType::Map);
    item["name"] = name;
    for (const std::string& member : members) item["members"].push_back(member);
    out.push_back(item);
  }
  Record(key, out);
  return groups;
}

void Config::RejectUnknownKeys() const {
  std::vector<std::string> keys;
  CollectLeafKeys(*root_, "", keys);
  std::string unknown;
  for (const std::string& key : keys) {
    // A key counts as read when it, or a map above it, was read whole.
    bool read = false;
    for (std::string prefix = key;;) {
      if (used_.count(prefix)) {
        read = true;
        break;
      }
      size_t dot = prefix.rfind('.');
      if (dot == std::string::npos) break;
      prefix.resize(dot);
    }
    if (!read) unknown += (unknown.empty() ? "" : ", ") + key;
  }
  if (!unknown.empty()) throw InputError(source_ + ": unknown key(s): " + unknown);
}

std::string Config::ResolvedYaml() const {
  YAML::Emitter out;
  out << *resolved_;
  return std::string(out.c_str()) + "\n";
}

}  // namespace advlab::core
