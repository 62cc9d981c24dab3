#include "envs/level_text.h"

#include <cstdio>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/error.h"

namespace advlab::envs {
namespace {

[[noreturn]] void Fail(const std::string& file, int line, int column, const std::string& message) {
  std::string where = file + ":" + std::to_string(line);
  if (column > 0) where += ":" + std::to_string(column);
  throw InputError(where + ": " + message);
}

int ParseDirection(const std::string& value, const std::string& file, int line) {
  const char* names[] = {"east", "south", "west", "north"};
  for (int d = 0; d < 4; ++d) {
    if (value == names[d] || value == std::to_string(d)) return d;
  }
  Fail(file, line, 0, "direction must be east, south, west, north or 0..3, not '" + value + "'");
}

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r");
  size_t end = text.find_last_not_of(" \t\r");
  return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

}  // namespace

std::string DirectionName(int direction) {
  const char* names[] = {"east", "south", "west", "north"};
  return direction >= 0 && direction < 4 ? names[direction] : "?";
}

Level ParseLevel(const std::string& text, const std::string& file) {
  // Maze files are ASCII. Other bytes are named, never echoed: a NUL or a
  // stray UTF-8 sequence would garble the terminal or the message.
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    Fail(file, 1, 1, "starts with a UTF-8 byte-order mark; save the maze as plain ASCII");
  }
  for (size_t i = 0, line = 1, column = 1; i < text.size(); ++i, ++column) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 0;
      continue;
    }
    if (c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7f)) continue;
    char what[64];
    std::snprintf(what, sizeof(what), "byte 0x%02X (%s); maze files are ASCII", c,
                  c == 0      ? "NUL"
                  : c >= 0x80 ? "not ASCII"
                              : "a control character");
    Fail(file, static_cast<int>(line), static_cast<int>(column), what);
  }
  Level level;
  std::istringstream stream(text);
  std::string raw;
  int line = 0;
  int grid_first_line = 0;
  int max_steps = -1;
  std::vector<std::string> rows;
  while (std::getline(stream, raw)) {
    ++line;
    std::string row = raw;
    if (!row.empty() && row.back() == '\r') row.pop_back();
    if (rows.empty()) {
      if (Trim(row).empty()) continue;
      size_t colon = row.find(':');
      if (colon != std::string::npos) {
        std::string key = Trim(row.substr(0, colon));
        std::string value = Trim(row.substr(colon + 1));
        if (key == "name") {
          level.name = value;
        } else if (key == "direction") {
          level.direction = ParseDirection(value, file, line);
        } else if (key == "max_steps") {
          try {
            size_t used = 0;
            max_steps = std::stoi(value, &used);
            if (used != value.size() || max_steps < 1) throw std::invalid_argument(value);
          } catch (const std::exception&) {
            Fail(file, line, 0, "max_steps must be a positive integer, not '" + value + "'");
          }
        } else {
          Fail(file, line, 1, "unknown header key '" + key + "' (name, direction, max_steps)");
        }
        continue;
      }
      grid_first_line = line;
    }
    if (Trim(row).empty()) {
      // Blank lines may only end the file.
      std::string rest;
      while (std::getline(stream, rest)) {
        ++line;
        if (!Trim(rest).empty()) Fail(file, line, 1, "text after a blank line ends the grid");
      }
      break;
    }
    rows.push_back(row);
  }
  if (rows.empty()) Fail(file, line, 0, "no grid rows");
  level.height = static_cast<int>(rows.size());
  level.width = static_cast<int>(rows[0].size());
  if (level.width < 3 || level.height < 3) {
    Fail(file, grid_first_line, 0, "a level needs at least 3x3 cells");
  }
  level.walls.assign(static_cast<size_t>(level.width) * level.height, 0);
  int agents = 0;
  for (int y = 0; y < level.height; ++y) {
    int row_line = grid_first_line + y;
    if (static_cast<int>(rows[y].size()) != level.width) {
      Fail(file, row_line, static_cast<int>(std::min(rows[y].size(), rows[0].size())) + 1,
           "row has " + std::to_string(rows[y].size()) + " cells, expected " +
               std::to_string(level.width) + " (ragged rows)");
    }
    for (int x = 0; x < level.width; ++x) {
      char c = rows[y][x];
      bool border = x == 0 || y == 0 || x == level.width - 1 || y == level.height - 1;
      if (border && c != '#')
        Fail(file, row_line, x + 1,
             "the border must be walls ('#'), found '" + std::string(1, c) + "'");
      switch (c) {
        case '#':
          level.SetWall(x, y, true);
          break;
        case '.':
          break;
        case 'A':
          level.agent = {x, y};
          ++agents;
          if (agents > 1) Fail(file, row_line, x + 1, "a second agent 'A'");
          break;
        case 'G':
          if (level.goal.Valid()) Fail(file, row_line, x + 1, "a second goal 'G'");
          level.goal = {x, y};
          break;
        case 'g':
          level.goal_candidates.push_back({x, y});
          break;
        default:
          Fail(file, row_line, x + 1,
               "unknown character '" + std::string(1, c) + "' (use # . A G g)");
      }
    }
  }
  if (agents == 0) Fail(file, grid_first_line, 0, "no agent 'A'");
  if (!level.goal.Valid() && level.goal_candidates.empty())
    Fail(file, grid_first_line, 0, "no goal 'G' or 'g'");
  if (level.goal.Valid() && !level.goal_candidates.empty()) {
    Fail(file, grid_first_line, 0, "use either one 'G' or several 'g' candidates, not both");
  }
  if (!level.goal.Valid()) level.goal = level.goal_candidates.front();
  level.max_steps = max_steps > 0 ? max_steps : 2 * level.width * level.height;
  return level;
}

Level LoadLevel(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path.string() + ": cannot open maze file");
  std::stringstream text;
  text << in.rdbuf();
  Level level = ParseLevel(text.str(), path.string());
  if (level.name.empty()) level.name = path.stem().string();
  return level;
}

std::string FormatLevel(const Level& level) {
  std::string text;
  if (!level.name.empty()) text += "name: " + level.name + "\n";
  text += "direction: " + DirectionName(level.direction) + "\n";
  text += "max_steps: " + std::to_string(level.max_steps) + "\n";
  for (int y = 0; y < level.height; ++y) {
    for (int x = 0; x < level.width; ++x) {
      Cell cell{x, y};
      char c = level.Wall(x, y) ? '#' : '.';
      if (level.goal_candidates.empty() && cell == level.goal) c = 'G';
      for (const Cell& candidate : level.goal_candidates) {
        if (cell == candidate) c = 'g';
      }
      if (cell == level.agent) c = 'A';
      text += c;
    }
    text += '\n';
  }
  return text;
}

void SaveLevel(const Level& level, const std::filesystem::path& path) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp);
    if (!out) throw InputError(path.string() + ": cannot open for writing");
    out << FormatLevel(level);
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace advlab::envs
