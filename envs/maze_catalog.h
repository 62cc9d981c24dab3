#pragma once
// The held-out evaluation set: the ten named mazes shipped as text files in
// envs/mazes/ and the procedurally generated members (SimpleCrossingS11N5,
// FourRooms, PerfectMaze Small/Medium/Large/XL), behind one lookup.
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "envs/level.h"

namespace advlab::envs {

// The ten named mazes, in the reference's order.
const std::vector<std::string>& NamedMazes();
// The procedural held-out members: SimpleCrossingS11N5, FourRooms, PerfectMazeSmall, ...
const std::vector<std::string>& ProceduralMazes();

// Loads a named maze from `maze_dir`, or generates a procedural one with
// `rng`; a name ending in ".txt" (or containing '/') is read as a file.
// Goal candidates are resolved with `rng`. Throws InputError for unknown names.
Level LoadMaze(const std::string& name_or_file, const std::filesystem::path& maze_dir,
               std::mt19937_64& rng);

}  // namespace advlab::envs
