#pragma once
// Seeded level generators. Each matches a reference environment:
//
//   generator              reference                                   size      max_steps
//   DomainRandomization    google reset_random / dcd DR                15        250
//   SimpleCrossing         MiniGrid CrossingEnv S11N5 (dcd crossing.py) 11        4 * 11^2
//   FourRooms              MiniGrid FourRoomsEnv (dcd fourrooms.py)     19        100
//   PerfectMaze            dcd mst_maze.py: randomized Kruskal          11..101   2 * size^2
//
// Same seed, same level; every generator draws only from the generator it is given.
#include <random>
#include <string>
#include <vector>

#include "envs/level.h"

namespace advlab::envs {

struct DomainRandomizationSettings {
  int size = 15;               // including the border
  int walls = 25;              // walls placed (fixed), or the maximum when uniform
  bool uniform_walls = false;  // draw the count uniformly from [0, walls]
  int max_steps = kDefaultMaxSteps;
};

// Random goal, random agent (another cell), then walls on distinct free
// cells; the start direction is random.
Level DomainRandomization(const DomainRandomizationSettings& settings, std::mt19937_64& rng);
Level SimpleCrossing(std::mt19937_64& rng, int size = 11, int crossings = 5);
Level FourRooms(std::mt19937_64& rng, int size = 19);
// size 11 (Small), 21 (Medium), 51 (Large), 101 (XL); must be odd.
Level PerfectMaze(std::mt19937_64& rng, int size);

// Names accepted by MakeGenerated: dr, dr_uniform, simple_crossing,
// four_rooms, perfect_maze_small, perfect_maze_medium, perfect_maze_large,
// perfect_maze_xl. `walls` applies to dr and dr_uniform.
const std::vector<std::string>& GeneratorNames();
// Throws InputError naming the generator when unknown.
Level MakeGenerated(const std::string& generator, std::mt19937_64& rng, int walls = 25);

}  // namespace advlab::envs
