#pragma once
// Errors that the user can fix: a bad config key, a malformed data file, an
// output directory that would be overwritten. The CLI maps them to exit
// status 2; every message names the file and the key or line.
#include <stdexcept>
#include <string>

namespace advlab {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace advlab
