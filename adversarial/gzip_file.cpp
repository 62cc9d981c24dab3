#include "adversarial/gzip_file.h"

#include <zlib.h>

#include "core/error.h"

namespace advlab::adversarial {

std::string ReadMaybeGzip(const std::filesystem::path& path, const std::string& what) {
  if (!std::filesystem::is_regular_file(path)) {
    throw InputError(path.string() + ": no such " + what);
  }
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) throw InputError(path.string() + ": cannot be opened");
  std::string bytes;
  char buffer[1 << 16];
  int n;
  while ((n = gzread(file, buffer, sizeof(buffer))) > 0) bytes.append(buffer, n);
  int error = 0;
  std::string message = n < 0 ? gzerror(file, &error) : "";
  gzclose(file);
  if (n < 0) throw InputError(path.string() + ": corrupt gzip data (" + message + ")");
  return bytes;
}

}  // namespace advlab::adversarial
