#pragma once
// The maze text format: optional "key: value" header lines, then the ASCII
// layout, one row per line, any rectangular size.
//
//   name: LabyrinthFlipped
//   direction: west            (east|south|west|north or 0..3; default east)
//   max_steps: 450             (default 2 * width * height)
//   ###############
//   #.............#
//   ...
//
//   '#' wall   '.' floor   'A' agent start   'G' goal   'g' goal candidate
//
// Rejected, with file, line and column: ragged rows, unknown characters, no
// or several agents, no goal, a goal and candidates together, an open border,
// unknown header keys and bad header values.
#include <filesystem>
#include <string>

#include "envs/level.h"

namespace advlab::envs {

Level ParseLevel(const std::string& text, const std::string& file);
Level LoadLevel(const std::filesystem::path& path);
std::string FormatLevel(const Level& level);  // ParseLevel(FormatLevel(l)) == l
void SaveLevel(const Level& level, const std::filesystem::path& path);

std::string DirectionName(int direction);

}  // namespace advlab::envs
