#pragma once
// A data file in YAML (recipes, lexicons, templates) read in one place: a
// directory, an unreadable file or a syntax error is an InputError naming
// the file (and the line), never a yaml-cpp exception escaping as a bug.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>

namespace advlab::core {

// Loads the file and refuses a key repeated within one mapping.
YAML::Node LoadYamlFile(const std::filesystem::path& path);

// yaml-cpp keeps every entry of a map with a repeated key and answers
// lookups with the first, so a second `forms:` block would be dropped
// silently. Refuses it (and keys that are lists or maps), naming `source`
// and both lines.
void RejectDuplicateKeys(const YAML::Node& node, const std::string& source,
                         const std::string& prefix = "");

}  // namespace advlab::core
