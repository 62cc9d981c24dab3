#include "envs/level_text.h"

#include <catch2/catch.hpp>

#include "core/error.h"

using namespace advlab::envs;
using Catch::Matchers::Contains;

TEST_CASE("maze text round-trips with its header", "[level_text]") {
  const std::string text =
      "name: tiny\n"
      "direction: west\n"
      "max_steps: 33\n"
      "#####\n"
      "#A.G#\n"
      "#.#.#\n"
      "#####\n";
  Level level = ParseLevel(text, "tiny.txt");
  CHECK(level.name == "tiny");
  CHECK(level.width == 5);
  CHECK(level.height == 4);
  CHECK(level.direction == kWest);
  CHECK(level.max_steps == 33);
  CHECK(level.agent == Cell{1, 1});
  CHECK(level.goal == Cell{3, 1});
  CHECK(level.Wall(2, 2));
  CHECK(FormatLevel(level) == text);
}

TEST_CASE("defaults: facing east, 2 * w * h steps", "[level_text]") {
  Level level = ParseLevel("####\n#AG#\n####\n", "x.txt");
  CHECK(level.direction == kEast);
  CHECK(level.max_steps == 2 * 4 * 3);
}

TEST_CASE("malformed maze files are rejected with file, line and column", "[level_text]") {
  CHECK_THROWS_WITH(ParseLevel("#####\n#A.G#\n#..#\n#####\n", "m.txt"),
                    Contains("m.txt:3:5") && Contains("ragged"));
  CHECK_THROWS_WITH(ParseLevel("#####\n#A.G#\n#.x.#\n#####\n", "m.txt"),
                    Contains("m.txt:3:3") && Contains("'x'"));
  CHECK_THROWS_WITH(ParseLevel("#####\n#..G#\n#####\n", "m.txt"), Contains("no agent"));
  CHECK_THROWS_WITH(ParseLevel("#####\n#A..#\n#####\n", "m.txt"), Contains("no goal"));
  CHECK_THROWS_WITH(ParseLevel("#####\n#A.G.\n#####\n", "m.txt"),
                    Contains("m.txt:2:5") && Contains("border"));
  CHECK_THROWS_WITH(ParseLevel("#####\n#AAG#\n#####\n", "m.txt"), Contains("m.txt:2:3"));
  CHECK_THROWS_WITH(ParseLevel("colour: red\n####\n#AG#\n####\n", "m.txt"),
                    Contains("m.txt:1") && Contains("colour"));
  CHECK_THROWS_WITH(ParseLevel("direction: up\n####\n#AG#\n####\n", "m.txt"), Contains("m.txt:1"));
  CHECK_THROWS_WITH(ParseLevel("max_steps: -3\n####\n#AG#\n####\n", "m.txt"),
                    Contains("max_steps"));
  CHECK_THROWS_WITH(ParseLevel("", "m.txt"), Contains("no grid"));
  CHECK_THROWS_AS(LoadLevel("/nonexistent/maze.txt"), advlab::InputError);
}

TEST_CASE("NUL, non-ASCII bytes and a byte-order mark are named, never echoed", "[level_text]") {
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(ParseLevel("\xEF\xBB\xBF#####\n#A.G#\n#####\n", "bom.txt"),
                    Contains("bom.txt:1") && Contains("byte-order mark"));
  CHECK_THROWS_WITH(ParseLevel(std::string("#####\n#A\0G#\n#####\n", 18), "nul.txt"),
                    Contains("nul.txt:2:3") && Contains("NUL"));
  try {
    ParseLevel("#####\n#A\xC3\xA9G#\n#####\n", "utf8.txt");
    FAIL("accepted a non-ASCII maze");
  } catch (const advlab::InputError& e) {
    const std::string message = e.what();
    CHECK_THAT(message, Contains("utf8.txt:2:3") && Contains("0xC3") && Contains("not ASCII"));
    CHECK(message.find('\xC3') == std::string::npos);
  }
}
