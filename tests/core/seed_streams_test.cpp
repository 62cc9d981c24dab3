#include <catch2/catch.hpp>

#include <set>

#include "core/seed_streams.h"

using advlab::StreamSeed;

TEST_CASE("seed streams of neighbouring run seeds never coincide", "[seed_streams]") {
  std::set<uint64_t> seen;
  for (uint64_t seed = 0; seed < 50; ++seed) {
    for (const char* name : {"protagonist", "antagonist", "teacher", "levels", "teacher_world"}) {
      for (uint64_t index = 0; index < 32; ++index) seen.insert(StreamSeed(seed, name, index));
    }
  }
  CHECK(seen.size() == 50u * 5 * 32);
  CHECK(StreamSeed(3, "levels") == StreamSeed(3, "levels"));
}
