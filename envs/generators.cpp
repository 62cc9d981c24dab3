#include "envs/generators.h"

#include <algorithm>
#include <numeric>

#include "core/error.h"

namespace advlab::envs {
namespace {

int RandInt(std::mt19937_64& rng, int low, int high_exclusive) {
  return std::uniform_int_distribution<int>(low, high_exclusive - 1)(rng);
}

// A uniformly random interior floor cell that is neither `a` nor `b`.
Cell RandomFreeCell(const Level& level, std::mt19937_64& rng, Cell a = {}, Cell b = {}) {
  for (;;) {
    Cell cell{RandInt(rng, 1, level.width - 1), RandInt(rng, 1, level.height - 1)};
    if (!level.Wall(cell.x, cell.y) && cell != a && cell != b) return cell;
  }
}

}  // namespace

Level DomainRandomization(const DomainRandomizationSettings& settings, std::mt19937_64& rng) {
  Level level = Level::Empty(settings.size, settings.size);
  level.name = "dr";
  level.max_steps = settings.max_steps;
  level.goal = RandomFreeCell(level, rng);
  level.agent = RandomFreeCell(level, rng, level.goal);
  level.direction = RandInt(rng, 0, 4);
  int interior = (settings.size - 2) * (settings.size - 2);
  int walls = settings.uniform_walls ? RandInt(rng, 0, settings.walls + 1) : settings.walls;
  walls = std::min(walls, interior - 2);
  for (int i = 0; i < walls; ++i) {
    Cell cell = RandomFreeCell(level, rng, level.goal, level.agent);
    level.SetWall(cell.x, cell.y, true);
  }
  return level;
}

Level SimpleCrossing(std::mt19937_64& rng, int size, int crossings) {
  // MiniGrid CrossingEnv: walls ("rivers") on even rows and columns, then one
  // opening per river along a random monotone path from (1,1) to the goal.
  Level level = Level::Empty(size, size);
  level.name = "SimpleCrossingS" + std::to_string(size) + "N" + std::to_string(crossings);
  level.max_steps = 4 * size * size;
  level.agent = {1, 1};
  level.direction = kEast;
  level.goal = {size - 2, size - 2};
  struct River {
    bool vertical;
    int position;
  };
  std::vector<River> rivers;
  for (int i = 2; i < size - 2; i += 2) rivers.push_back({true, i});
  for (int j = 2; j < size - 2; j += 2) rivers.push_back({false, j});
  std::shuffle(rivers.begin(), rivers.end(), rng);
  rivers.resize(std::min<size_t>(rivers.size(), crossings));
  std::vector<int> vertical, horizontal;
  for (const River& river : rivers)
    (river.vertical ? vertical : horizontal).push_back(river.position);
  std::sort(vertical.begin(), vertical.end());
  std::sort(horizontal.begin(), horizontal.end());
  for (int y : horizontal) {
    for (int x = 1; x < size - 1; ++x) level.SetWall(x, y, true);
  }
  for (int x : vertical) {
    for (int y = 1; y < size - 1; ++y) level.SetWall(x, y, true);
  }
  // Crossing a vertical river moves one room east, a horizontal one south.
  std::vector<bool> path(vertical.size(), true);
  path.insert(path.end(), horizontal.size(), false);
  std::shuffle(path.begin(), path.end(), rng);
  std::vector<int> limits_x = {0}, limits_y = {0};
  limits_x.insert(limits_x.end(), vertical.begin(), vertical.end());
  limits_x.push_back(size - 1);
  limits_y.insert(limits_y.end(), horizontal.begin(), horizontal.end());
  limits_y.push_back(size - 1);
  int room_x = 0, room_y = 0;
  for (bool east : path) {
    int x, y;
    if (east) {
      x = limits_x[room_x + 1];
      y = RandInt(rng, limits_y[room_y] + 1, limits_y[room_y + 1]);
      ++room_x;
    } else {
      x = RandInt(rng, limits_x[room_x] + 1, limits_x[room_x + 1]);
      y = limits_y[room_y + 1];
      ++room_y;
    }
    level.SetWall(x, y, false);
  }
  return level;
}

Level FourRooms(std::mt19937_64& rng, int size) {
  // MiniGrid FourRoomsEnv: a wall through the middle each way, one random
  // door in each of the four wall segments.
  Level level = Level::Empty(size, size);
  level.name = "FourRooms";
  level.max_steps = 100;
  int room = size / 2;
  for (int j = 0; j < 2; ++j) {
    for (int i = 0; i < 2; ++i) {
      int left = i * room, top = j * room, right = left + room, bottom = top + room;
      if (i + 1 < 2) {
        for (int y = top; y < top + room; ++y) level.SetWall(right, y, true);
        level.SetWall(right, RandInt(rng, top + 1, bottom), false);
      }
      if (j + 1 < 2) {
        for (int x = left; x < left + room; ++x) level.SetWall(x, bottom, true);
        level.SetWall(RandInt(rng, left + 1, right), bottom, false);
      }
    }
  }
  level.agent = RandomFreeCell(level, rng);
  level.direction = RandInt(rng, 0, 4);
  level.goal = RandomFreeCell(level, rng, level.agent);
  return level;
}

Level PerfectMaze(std::mt19937_64& rng, int size) {
  if (size < 5 || size % 2 == 0) throw InputError("PerfectMaze: size must be odd and >= 5");
  // Kruskal over the cells at odd coordinates (even 0-based interior
  // coordinates): start all walls, join neighbouring cells in random order
  // when they are not yet connected, opening the wall between them. The
  // result is a spanning tree: exactly one path between any two open cells.
  Level level = Level::Empty(size, size);
  std::fill(level.walls.begin(), level.walls.end(), 1);
  int cells = (size - 1) / 2;
  auto id = [cells](int cx, int cy) { return cy * cells + cx; };
  std::vector<int> parent(cells * cells);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](int a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  };
  struct Edge {
    int cx, cy, dx, dy;
  };
  std::vector<Edge> edges;
  for (int cy = 0; cy < cells; ++cy) {
    for (int cx = 0; cx < cells; ++cx) {
      level.SetWall(2 * cx + 1, 2 * cy + 1, false);
      if (cx + 1 < cells) edges.push_back({cx, cy, 1, 0});
      if (cy + 1 < cells) edges.push_back({cx, cy, 0, 1});
    }
  }
  std::shuffle(edges.begin(), edges.end(), rng);
  for (const Edge& e : edges) {
    int a = find(id(e.cx, e.cy)), b = find(id(e.cx + e.dx, e.cy + e.dy));
    if (a == b) continue;
    parent[a] = b;
    level.SetWall(2 * e.cx + 1 + e.dx, 2 * e.cy + 1 + e.dy, false);
  }
  const char* names[] = {"Small", "Medium", "Large", "XL"};
  const int sizes[] = {11, 21, 51, 101};
  level.name = "PerfectMaze";
  for (int i = 0; i < 4; ++i) {
    if (size == sizes[i]) level.name += names[i];
  }
  std::vector<Cell> corners = {{1, 1}, {size - 2, 1}, {1, size - 2}, {size - 2, size - 2}};
  std::shuffle(corners.begin(), corners.end(), rng);
  level.agent = corners[0];
  level.goal = corners[1];
  level.direction = RandInt(rng, 0, 4);
  level.max_steps = 2 * size * size;
  return level;
}

const std::vector<std::string>& GeneratorNames() {
  static const std::vector<std::string> kNames = {"dr",
                                                  "dr_uniform",
                                                  "simple_crossing",
                                                  "four_rooms",
                                                  "perfect_maze_small",
                                                  "perfect_maze_medium",
                                                  "perfect_maze_large",
                                                  "perfect_maze_xl"};
  return kNames;
}

Level MakeGenerated(const std::string& generator, std::mt19937_64& rng, int walls) {
  if (generator == "dr" || generator == "dr_uniform") {
    DomainRandomizationSettings settings;
    settings.walls = walls;
    settings.uniform_walls = generator == "dr_uniform";
    return DomainRandomization(settings, rng);
  }
  if (generator == "simple_crossing") return SimpleCrossing(rng);
  if (generator == "four_rooms") return FourRooms(rng);
  if (generator == "perfect_maze_small") return PerfectMaze(rng, 11);
  if (generator == "perfect_maze_medium") return PerfectMaze(rng, 21);
  if (generator == "perfect_maze_large") return PerfectMaze(rng, 51);
  if (generator == "perfect_maze_xl") return PerfectMaze(rng, 101);
  std::string names;
  for (const std::string& name : GeneratorNames()) names += (names.empty() ? "" : ", ") + name;
  throw InputError("unknown generator '" + generator + "' (" + names + ")");
}

}  // namespace advlab::envs
