#include "core/yaml_file.h"

#include "core/error.h"

namespace advlab::core {

YAML::Node LoadYamlFile(const std::filesystem::path& path) {
  if (std::filesystem::is_directory(path)) throw InputError(path.string() + ": is a directory");
  try {
    return YAML::LoadFile(path.string());
  } catch (const YAML::BadFile&) {
    throw InputError(path.string() + ": cannot read the file");
  } catch (const YAML::Exception& e) {
    throw InputError(path.string() + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

}  // namespace advlab::core
