#pragma once
// One level of the Game-of-Life side-effects world and its text format:
// "key: value" header lines, then one row per line.
//
//   name: prune-3
//   min_performance: 0.5     (share of the available points that opens the exit)
//   max_steps: 300           (default 1000, SafeLife's)
//   #########
//   #A.r.gg.#
//   ...
//
//   '.' empty   '#' wall   'T' tree   'X' exit   'A' agent (facing up)
//   'z' grey life   'g' green life   'r' red life   'h' hard (indestructible) life
//   '+' blue goal (empty)   '*' grey life on a blue goal
//
// The board is a torus: a border of walls is drawn, not implied. Rejected,
// with file and line: ragged rows, unknown characters or header keys, bad
// values, no agent or several, no exit or several.
#include <filesystem>
#include <string>

#include "envs/life_board.h"

namespace advlab::envs::life {

struct LifeLevel {
  std::string name;
  Board board;  // the agent's cell holds kAgent
  int agent_x = 0, agent_y = 0;
  double min_performance = 0.5;
  int max_steps = 1000;
  bool operator==(const LifeLevel& o) const {
    return name == o.name && board == o.board && agent_x == o.agent_x && agent_y == o.agent_y &&
           min_performance == o.min_performance && max_steps == o.max_steps;
  }
};

LifeLevel ParseLifeLevel(const std::string& text, const std::string& file);
LifeLevel LoadLifeLevel(const std::filesystem::path& path);
std::string FormatLifeLevel(const LifeLevel& level);  // ParseLifeLevel(Format(l)) == l

}  // namespace advlab::envs::life
