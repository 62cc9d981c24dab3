#pragma once
// Runs the advlab binary as a user would, capturing its exit status and its
// stdout and stderr together.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

namespace advlab::testing {

struct Result {
  int status = -1;
  std::string output;
};

inline Result Run(const std::string& arguments) {
  std::string command = std::string(ADVLAB_BINARY) + " " + arguments + " 2>&1";
  Result result;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof(buffer), pipe)) result.output.append(buffer, n);
  int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace advlab::testing
