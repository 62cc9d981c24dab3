#pragma once
// What built this binary: the version and, when the build tree came from git,
// the commit. Both are recorded in every run's manifest.
#include <filesystem>
#include <string>

namespace advlab {

std::string Version();
std::string GitCommit();
// Where the shipped configs and data live: $ADVLAB_HOME if set, else the
// source tree this binary was built from.
std::filesystem::path ProjectHome();

}  // namespace advlab
