#pragma once
// Reads a whole file that may be gzip-compressed (zlib reads plain files
// transparently). A missing file is an InputError naming it and `what` it
// should have been; corrupt gzip data is one too.
#include <filesystem>
#include <string>

namespace advlab::adversarial {

std::string ReadMaybeGzip(const std::filesystem::path& path, const std::string& what);

}  // namespace advlab::adversarial
