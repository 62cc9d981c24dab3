#pragma once
// Writes whole files so that a crash never leaves a half-written one behind:
// the content goes to "<path>.tmp" and is renamed over <path>.
#include <filesystem>
#include <string>

namespace advlab::core {

void WriteFileAtomically(const std::filesystem::path& path, const std::string& content);
std::string ReadFile(const std::filesystem::path& path);

}  // namespace advlab::core
