#pragma once
// A data file in YAML (recipes, lexicons, templates) read in one place: a
// directory, an unreadable file or a syntax error is an InputError naming
// the file (and the line), never a yaml-cpp exception escaping as a bug.
#include <yaml-cpp/yaml.h>

#include <filesystem>

namespace advlab::core {

YAML::Node LoadYamlFile(const std::filesystem::path& path);

}  // namespace advlab::core
