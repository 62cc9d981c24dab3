#include "envs/level_metrics.h"

#include <catch2/catch.hpp>

#include "envs/level_text.h"
#include "envs/maze_catalog.h"

using namespace advlab::envs;

namespace {
const std::filesystem::path kMazes = std::filesystem::path(ADVLAB_SOURCE_DIR) / "envs" / "mazes";
}

TEST_CASE("named mazes match the reference table", "[metrics]") {
  // size, start, goal, interior walls, shortest path (shared/data/mazes/README.md)
  struct Row {
    const char* name;
    int size;
    Cell start, goal;
    int walls, path;
    int direction;
  };
  const Row rows[] = {
      {"Maze", 15, {7, 1}, {7, 13}, 73, 40, kEast},
      {"Maze2", 15, {1, 7}, {13, 5}, 72, 56, kEast},
      {"Maze3", 15, {4, 1}, {13, 7}, 71, 39, kEast},
      {"Labyrinth", 15, {1, 13}, {7, 7}, 72, 96, kEast},
      {"Labyrinth2", 15, {1, 1}, {7, 7}, 72, 96, kEast},
      {"LabyrinthFlipped", 15, {13, 13}, {7, 7}, 72, 96, kWest},
      {"SixteenRooms", 15, {2, 2}, {12, 12}, 46, 20, kEast},
      {"SixteenRoomsFewerDoors", 15, {2, 2}, {12, 12}, 53, 22, kEast},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    Level level = LoadLevel(kMazes / (std::string(row.name) + ".txt"));
    LevelMetrics metrics = ComputeMetrics(level);
    CHECK(level.width == row.size);
    CHECK(level.agent == row.start);
    CHECK(level.goal == row.goal);
    CHECK(level.direction == row.direction);
    CHECK(level.max_steps == 2 * row.size * row.size);
    CHECK(metrics.walls == row.walls);
    CHECK(metrics.passable);
    CHECK(metrics.shortest_path == row.path);
    CHECK(metrics.manhattan ==
          std::abs(row.start.x - row.goal.x) + std::abs(row.start.y - row.goal.y));
  }
}

TEST_CASE("corridor mazes: path length per goal candidate, row-major", "[metrics]") {
  Level small = LoadLevel(kMazes / "SmallCorridor.txt");
  CHECK(small.agent == Cell{1, 7});
  CHECK(ComputeMetrics(small).walls == 71);
  std::vector<int> paths;
  for (const Cell& goal : small.goal_candidates)
    paths.push_back(ShortestPath(small, small.agent, goal));
  CHECK(paths == std::vector<int>{13, 15, 17, 19, 21, 13, 15, 17, 19, 21});

  Level large = LoadLevel(kMazes / "LargeCorridor.txt");
  CHECK(large.width == 21);
  CHECK(large.agent == Cell{1, 10});
  CHECK(ComputeMetrics(large).walls == 161);
  paths.clear();
  for (const Cell& goal : large.goal_candidates)
    paths.push_back(ShortestPath(large, large.agent, goal));
  CHECK(paths == std::vector<int>{19, 21, 23, 25, 27, 29, 31, 33, 19, 21, 23, 25, 27, 29, 31, 33});

  // The goal is drawn from the candidates, per instance.
  std::mt19937_64 rng(1);
  for (int i = 0; i < 20; ++i) {
    Level level = LoadMaze("SmallCorridor", kMazes, rng);
    bool candidate = false;
    for (const Cell& c : level.goal_candidates) candidate = candidate || c == level.goal;
    CHECK(candidate);
  }
}

TEST_CASE("an enclosed goal is impassable with the reference's sentinel distance", "[metrics]") {
  Level level = ParseLevel("#######\n#A.#G.#\n#..#..#\n#######\n", "walled.txt");
  LevelMetrics metrics = ComputeMetrics(level);
  CHECK_FALSE(metrics.passable);
  CHECK(metrics.shortest_path == 5 * 2 + 1);
  CHECK(metrics.walls == 2);
  CHECK(metrics.manhattan == 3);
}
