#include "core/yaml_file.h"

#include <map>

#include "core/error.h"

namespace advlab::core {

void RejectDuplicateKeys(const YAML::Node& node, const std::string& source,
                         const std::string& prefix) {
  if (node.IsSequence()) {
    for (const YAML::Node& item : node) RejectDuplicateKeys(item, source, prefix);
    return;
  }
  if (!node.IsMap()) return;
  std::map<std::string, int> first_line;
  for (const auto& entry : node) {
    const int line = entry.first.Mark().line + 1;
    if (!entry.first.IsScalar()) {  // "? [a, b]: 1" is valid YAML but no config key
      throw InputError(source + ":" + std::to_string(line) +
                       ": a key must be a plain name, not a list or a map");
    }
    const std::string key = entry.first.Scalar();
    auto [it, inserted] = first_line.emplace(key, line);
    if (!inserted) {
      throw InputError(source + ":" + std::to_string(line) + ": key '" + prefix + key +
                       "' appears twice (first at line " + std::to_string(it->second) + ")");
    }
    RejectDuplicateKeys(entry.second, source, prefix + key + ".");
  }
}

YAML::Node LoadYamlFile(const std::filesystem::path& path) {
  if (std::filesystem::is_directory(path)) throw InputError(path.string() + ": is a directory");
  YAML::Node root;
  try {
    root = YAML::LoadFile(path.string());
  } catch (const YAML::BadFile&) {
    throw InputError(path.string() + ": cannot read the file");
  } catch (const YAML::Exception& e) {
    throw InputError(path.string() + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  RejectDuplicateKeys(root, path.string());
  return root;
}

}  // namespace advlab::core
