#include "core/build_info.h"

#include <cstdlib>

namespace advlab {

// ADVLAB_VERSION is set on this file alone by CMake, and git_commit.inc is
// rewritten only when the commit changes, so a new commit recompiles one
// small translation unit.
std::string Version() { return ADVLAB_VERSION; }
std::string GitCommit() {
  return
#include "git_commit.inc"
      ;
}

std::filesystem::path ProjectHome() {
  const char* home = std::getenv("ADVLAB_HOME");
  return home && *home ? std::filesystem::path(home) : std::filesystem::path(ADVLAB_SOURCE_DIR);
}

}  // namespace advlab
