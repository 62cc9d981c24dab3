#include <cstdio>
#include <filesystem>
#include <random>

#include "core/build_info.h"
#include "core/error.h"
#include "envs/generators.h"
#include "envs/level_metrics.h"
#include "envs/level_render.h"
#include "envs/level_text.h"
#include "envs/maze_catalog.h"
#include "report/image.h"
#include "report/table.h"
#include "tools/cli.h"
#include "tools/commands.h"

namespace advlab {
namespace {

namespace fs = std::filesystem;
using report::Table;

constexpr const char* kHelp = R"(usage: advlab maze list [--seed S]
       advlab maze show NAME|FILE --out FILE.png [--seed S] [--force]
       advlab maze generate --generator NAME --count N --seed S --out DIR [--walls K]

list      the held-out mazes (ten named, six procedural) with their metrics, and
          the generators with mean metrics over 200 seeded samples
show      render one maze (a name from the list or a maze text file) to PNG
generate  write N seeded levels as text files, gallery.png and metrics.csv
          generators: dr (K random walls, default 25), dr_uniform (0..K walls),
          simple_crossing, four_rooms, perfect_maze_small|medium|large|xl
)";

fs::path MazeDir() { return ProjectHome() / "envs" / "mazes"; }

// Shortest path, or its range over a corridor's goal candidates.
// "none" when the goal cannot be reached (the metrics' sentinel is not a length).
std::string PathText(const envs::Level& level) {
  const int unreachable = envs::UnreachableDistance(level);
  auto text = [&](int d) { return d >= unreachable ? std::string("none") : std::to_string(d); };
  if (level.goal_candidates.empty()) return text(envs::ComputeMetrics(level).shortest_path);
  int lo = 1 << 30, hi = 0;
  for (const envs::Cell& goal : level.goal_candidates) {
    int d = envs::ShortestPath(level, level.agent, goal);
    lo = std::min(lo, d);
    hi = std::max(hi, d);
  }
  return lo == hi ? text(lo) : text(lo) + "-" + text(hi);
}

std::vector<std::string> Caption(const envs::Level& level) {
  envs::LevelMetrics m = envs::ComputeMetrics(level);
  return {level.name, "walls " + std::to_string(m.walls) + "  path " +
                          (m.passable ? std::to_string(m.shortest_path) : std::string("none")) +
                          "  L1 " + std::to_string(m.manhattan)};
}

int List(const JobArgs& args) {
  uint64_t seed = static_cast<uint64_t>(args.IntFlag("--seed", 0, 0, 1LL << 62));
  Table table({"maze", "kind", "size", "walls", "passable", "shortest_path", "manhattan",
               "start_direction", "max_steps"});
  std::mt19937_64 rng(seed);
  auto add = [&](const std::string& name, const char* kind) {
    envs::Level level = envs::LoadMaze(name, MazeDir(), rng);
    envs::LevelMetrics m = envs::ComputeMetrics(level);
    table.AddRow({name, kind, std::to_string(level.width) + "x" + std::to_string(level.height),
                  std::to_string(m.walls), m.passable ? "yes" : "no", PathText(level),
                  std::to_string(m.manhattan), envs::DirectionName(level.direction),
                  std::to_string(level.max_steps)});
  };
  for (const std::string& name : envs::NamedMazes()) add(name, "named");
  for (const std::string& name : envs::ProceduralMazes()) add(name, "procedural (one sample)");
  // Generators: means over seeded samples.
  constexpr int kSamples = 200;
  for (const std::string& generator : envs::GeneratorNames()) {
    std::mt19937_64 generator_rng(seed);
    double walls = 0, passable = 0, path = 0, manhattan = 0;
    int size = 0, max_steps = 0;
    for (int s = 0; s < kSamples; ++s) {
      envs::Level level = envs::MakeGenerated(generator, generator_rng);
      envs::LevelMetrics m = envs::ComputeMetrics(level);
      walls += m.walls;
      passable += m.passable;
      path += m.passable ? m.shortest_path : 0;
      manhattan += m.manhattan;
      size = level.width;
      max_steps = level.max_steps;
    }
    table.AddRow({generator, "generator (mean of 200)",
                  std::to_string(size) + "x" + std::to_string(size),
                  Table::Num(walls / kSamples, 3), Table::Num(passable / kSamples, 3),
                  passable > 0 ? Table::Num(path / passable, 3) : "",
                  Table::Num(manhattan / kSamples, 3), "random", std::to_string(max_steps)});
  }
  std::fputs(table.ToCsv().c_str(), stdout);
  return 0;
}

int Show(const JobArgs& args) {
  if (args.positional.size() != 2)
    throw InputError("maze show: give one NAME or FILE (see --help)");
  if (!args.out) throw InputError("maze show: --out FILE.png is required");
  RefuseOverwrite(args, *args.out);
  std::mt19937_64 rng(static_cast<uint64_t>(args.IntFlag("--seed", 0, 0, 1LL << 62)));
  envs::Level level = envs::LoadMaze(args.positional[1], MazeDir(), rng);
  int px = std::max(4, 480 / std::max(level.width, level.height));
  report::WritePng(*args.out, envs::RenderLevel(level, px));
  envs::LevelMetrics m = envs::ComputeMetrics(level);
  std::printf("%s: %dx%d, %d walls, shortest path %s, wrote %s\n", level.name.c_str(), level.width,
              level.height, m.walls, PathText(level).c_str(), args.out->c_str());
  return 0;
}

int Generate(const JobArgs& args) {
  auto generator = args.flags.find("--generator");
  if (generator == args.flags.end())
    throw InputError("maze generate: --generator NAME is required");
  if (!args.out) throw InputError("maze generate: --out DIR is required");
  int count = static_cast<int>(args.IntFlag("--count", 12, 1, 100000));
  uint64_t seed = static_cast<uint64_t>(args.IntFlag("--seed", 0, 0, 1LL << 62));
  int walls = static_cast<int>(args.IntFlag("--walls", 25, 0, 10000));
  fs::path out = *args.out;
  RequireEmptyDirectory(out.string());
  std::mt19937_64 rng(seed);
  std::vector<envs::Level> levels;
  for (int i = 0; i < count; ++i) {
    envs::Level level = envs::MakeGenerated(generator->second, rng, walls);
    char name[32];
    std::snprintf(name, sizeof(name), "level_%05d", i);
    level.name = name;
    levels.push_back(std::move(level));
  }
  fs::create_directories(out);
  Table metrics({"level", "walls", "passable", "shortest_path", "manhattan", "agent_x", "agent_y",
                 "goal_x", "goal_y", "direction"});
  std::vector<std::vector<std::string>> captions;
  for (const envs::Level& level : levels) {
    envs::SaveLevel(level, out / (level.name + ".txt"));
    envs::LevelMetrics m = envs::ComputeMetrics(level);
    // Unreachable: an empty cell (NaN in pandas), not the BFS sentinel.
    metrics.AddRow({level.name, std::to_string(m.walls), m.passable ? "1" : "0",
                    m.passable ? std::to_string(m.shortest_path) : "", std::to_string(m.manhattan),
                    std::to_string(level.agent.x), std::to_string(level.agent.y),
                    std::to_string(level.goal.x), std::to_string(level.goal.y),
                    std::to_string(level.direction)});
    captions.push_back(Caption(level));
  }
  metrics.WriteCsv(out / "metrics.csv");
  // A gallery of thousands of levels would be unreadable: show the first 60.
  size_t shown = std::min<size_t>(levels.size(), 60);
  report::WritePng(out / "gallery.png",
                   envs::RenderGallery({levels.begin(), levels.begin() + shown},
                                       {captions.begin(), captions.begin() + shown}));
  std::printf("maze generate: %d %s levels (seed %llu) in %s\n", count, generator->second.c_str(),
              static_cast<unsigned long long>(seed), out.c_str());
  return 0;
}

}  // namespace

int MazeCommand(const Args& argv) {
  JobArgs args = ParseJobArgs(argv, {"--generator", "--count", "--seed", "--walls"});
  if (args.help || args.positional.empty()) {
    std::fputs(kHelp, args.help ? stdout : stderr);
    return args.help ? 0 : 2;
  }
  const std::string& action = args.positional[0];
  if (action == "list") return List(args);
  if (action == "show") return Show(args);
  if (action == "generate") return Generate(args);
  throw InputError("maze: unknown action '" + action + "' (list, show, generate)");
}

}  // namespace advlab
