#include "envs/life_level.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace advlab::envs::life {
namespace {

[[noreturn]] void Fail(const std::string& file, int line, const std::string& message) {
  throw InputError(file + ":" + std::to_string(line) + ": " + message);
}

std::string Trim(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t\r");
  const size_t end = text.find_last_not_of(" \t\r");
  return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

struct Symbol {
  char ch;
  Cell cell, goal;
};
constexpr Symbol kSymbols[] = {
    {'.', kEmpty, kNoGoal},     {'#', kWall, kNoGoal},    {'T', kTree, kNoGoal},
    {'X', kExit, kNoGoal},      {'A', kAgent, kNoGoal},   {'z', kLife, kNoGoal},
    {'g', kGreenLife, kNoGoal}, {'r', kRedLife, kNoGoal}, {'h', kHardLife, kNoGoal},
    {'+', kEmpty, kBlueGoal},   {'*', kLife, kBlueGoal},
};

}  // namespace

LifeLevel ParseLifeLevel(const std::string& text, const std::string& file) {
  LifeLevel level;
  std::istringstream stream(text);
  std::string raw;
  int line = 0, first_row_line = 0;
  std::vector<std::string> rows;
  while (std::getline(stream, raw)) {
    ++line;
    const std::string row = Trim(raw);
    if (rows.empty()) {
      if (row.empty()) continue;
      const size_t colon = row.find(':');
      if (colon != std::string::npos) {
        const std::string key = Trim(row.substr(0, colon)), value = Trim(row.substr(colon + 1));
        try {
          size_t used = 0;
          if (key == "name") {
            level.name = value;
            used = value.size();
          } else if (key == "min_performance") {
            level.min_performance = std::stod(value, &used);
            if (!(level.min_performance >= -1 && level.min_performance <= 1)) used = 0;
          } else if (key == "max_steps") {
            level.max_steps = std::stoi(value, &used);
            if (level.max_steps < 1) used = 0;
          } else {
            Fail(file, line, "unknown header key '" + key + "' (name, min_performance, max_steps)");
          }
          if (used != value.size() || used == 0) throw std::invalid_argument(value);
        } catch (const std::logic_error&) {
          Fail(file, line,
               key + ": bad value '" + value +
                   "' (min_performance in [-1, 1], max_steps a positive integer)");
        }
        continue;
      }
      first_row_line = line;
    }
    if (row.empty()) Fail(file, line, "blank line inside the board");
    rows.push_back(row);
  }
  if (rows.empty()) Fail(file, line, "no board rows");
  const int width = static_cast<int>(rows[0].size()), height = static_cast<int>(rows.size());
  if (width < 3 || height < 3) Fail(file, first_row_line, "a board needs at least 3x3 cells");
  level.board = Board(width, height);
  int agents = 0, exits = 0;
  for (int y = 0; y < height; ++y) {
    const int row_line = first_row_line + y;
    if (static_cast<int>(rows[y].size()) != width) {
      Fail(file, row_line,
           "row has " + std::to_string(rows[y].size()) + " cells, the first has " +
               std::to_string(width));
    }
    for (int x = 0; x < width; ++x) {
      const char ch = rows[y][x];
      const Symbol* symbol = nullptr;
      for (const Symbol& s : kSymbols) {
        if (s.ch == ch) symbol = &s;
      }
      if (symbol == nullptr) {
        Fail(file, row_line,
             "unknown cell '" + std::string(1, ch) + "' in column " + std::to_string(x + 1) +
                 " (. # T X A z g r h + *)");
      }
      level.board.at(x, y) = symbol->cell;
      level.board.goals[static_cast<size_t>(level.board.Index(x, y))] = symbol->goal;
      if (symbol->cell == kAgent) {
        ++agents;
        level.agent_x = x;
        level.agent_y = y;
      }
      if (symbol->cell == kExit) ++exits;
    }
  }
  if (agents != 1)
    Fail(file, first_row_line, "needs exactly one agent 'A', found " + std::to_string(agents));
  if (exits != 1)
    Fail(file, first_row_line, "needs exactly one exit 'X', found " + std::to_string(exits));
  return level;
}

LifeLevel LoadLifeLevel(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path.string() + ": cannot read the level file");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseLifeLevel(text.str(), path.string());
}

std::string FormatLifeLevel(const LifeLevel& level) {
  std::ostringstream out;
  out << "name: " << level.name << "\nmin_performance: " << level.min_performance
      << "\nmax_steps: " << level.max_steps << "\n";
  const Board& b = level.board;
  for (int y = 0; y < b.height; ++y) {
    for (int x = 0; x < b.width; ++x) {
      const Cell cell = b.at(x, y), goal = b.goals[static_cast<size_t>(b.Index(x, y))];
      char ch = '?';
      for (const Symbol& s : kSymbols) {
        if (s.cell == cell && s.goal == goal) ch = s.ch;
      }
      out << ch;
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace advlab::envs::life
