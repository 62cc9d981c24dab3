#include "envs/maze_catalog.h"

#include "core/error.h"
#include "envs/generators.h"
#include "envs/level_text.h"

namespace advlab::envs {

const std::vector<std::string>& NamedMazes() {
  static const std::vector<std::string> kNames = {"Maze",          "Maze2",
                                                  "Maze3",         "Labyrinth",
                                                  "Labyrinth2",    "LabyrinthFlipped",
                                                  "SixteenRooms",  "SixteenRoomsFewerDoors",
                                                  "SmallCorridor", "LargeCorridor"};
  return kNames;
}

namespace {

// The procedural held-out mazes and the generators that draw them.
const std::vector<std::pair<std::string, std::string>>& ProceduralGenerators() {
  static const std::vector<std::pair<std::string, std::string>> kGenerators = {
      {"SimpleCrossingS11N5", "simple_crossing"}, {"FourRooms", "four_rooms"},
      {"PerfectMazeSmall", "perfect_maze_small"}, {"PerfectMazeMedium", "perfect_maze_medium"},
      {"PerfectMazeLarge", "perfect_maze_large"}, {"PerfectMazeXL", "perfect_maze_xl"}};
  return kGenerators;
}

}  // namespace

const std::vector<std::string>& ProceduralMazes() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& [maze, generator] : ProceduralGenerators()) names.push_back(maze);
    return names;
  }();
  return kNames;
}

Level LoadMaze(const std::string& name, const std::filesystem::path& maze_dir,
               std::mt19937_64& rng) {
  if (name.find('/') != std::string::npos ||
      (name.size() > 4 && name.compare(name.size() - 4, 4, ".txt") == 0)) {
    Level level = LoadLevel(name);
    level.ChooseGoal(rng);
    return level;
  }
  for (const std::string& named : NamedMazes()) {
    if (name == named) {
      Level level = LoadLevel(maze_dir / (name + ".txt"));
      level.ChooseGoal(rng);
      return level;
    }
  }
  for (const auto& [maze, generator] : ProceduralGenerators()) {
    if (name == maze) return MakeGenerated(generator, rng);
  }
  std::string known;
  for (const auto& n : NamedMazes()) known += (known.empty() ? "" : ", ") + n;
  for (const auto& n : ProceduralMazes()) known += ", " + n;
  throw InputError("unknown maze '" + name + "' (" + known + ", or a .txt file)");
}

}  // namespace advlab::envs
