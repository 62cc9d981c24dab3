#include "envs/maze_catalog.h"

#include "envs/generators.h"
#include "envs/level_text.h"
#include "report/error.h"

namespace advlab::envs {

const std::vector<std::string>& NamedMazes() {
  static const std::vector<std::string> kNames = {
      "Maze", "Maze2", "Maze3", "Labyrinth", "Labyrinth2", "LabyrinthFlipped",
      "SixteenRooms", "SixteenRoomsFewerDoors", "SmallCorridor", "LargeCorridor"};
  return kNames;
}

const std::vector<std::string>& ProceduralMazes() {
  static const std::vector<std::string> kNames = {"SimpleCrossingS11N5", "FourRooms",
                                                  "PerfectMazeSmall",    "PerfectMazeMedium",
                                                  "PerfectMazeLarge",    "PerfectMazeXL"};
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
  if (name == "SimpleCrossingS11N5") return SimpleCrossing(rng, 11, 5);
  if (name == "FourRooms") return FourRooms(rng);
  if (name == "PerfectMazeSmall") return PerfectMaze(rng, 11);
  if (name == "PerfectMazeMedium") return PerfectMaze(rng, 21);
  if (name == "PerfectMazeLarge") return PerfectMaze(rng, 51);
  if (name == "PerfectMazeXL") return PerfectMaze(rng, 101);
  std::string known;
  for (const auto& n : NamedMazes()) known += (known.empty() ? "" : ", ") + n;
  for (const auto& n : ProceduralMazes()) known += ", " + n;
  throw InputError("unknown maze '" + name + "' (" + known + ", or a .txt file)");
}

}  // namespace advlab::envs
