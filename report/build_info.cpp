#include "report/build_info.h"

#include <cstdlib>

namespace advlab {

// ADVLAB_VERSION and ADVLAB_GIT_COMMIT are set on this file alone by CMake, so
// a new commit recompiles one small translation unit.
std::string Version() { return ADVLAB_VERSION; }
std::string GitCommit() { return ADVLAB_GIT_COMMIT; }

std::filesystem::path ProjectHome() {
  const char* home = std::getenv("ADVLAB_HOME");
  return home && *home ? std::filesystem::path(home) : std::filesystem::path(ADVLAB_SOURCE_DIR);
}

}  // namespace advlab
