// `advlab life`: the Game-of-Life side-effects world's levels, looked at and
// measured without any learning: generated levels with what a uniformly
// random agent and an idle one score on them (task points, exits, SafeLife's
// side-effect score), and pictures of a level or a random episode.
#include <cstdio>
#include <filesystem>
#include <random>

#include "core/error.h"
#include "envs/life_batch.h"
#include "envs/life_generator.h"
#include "envs/life_render.h"
#include "envs/side_effect_score.h"
#include "report/image.h"
#include "report/table.h"
#include "tools/cli.h"
#include "tools/commands.h"

namespace advlab {
namespace {

namespace fs = std::filesystem;
namespace life = envs::life;
using report::Table;

constexpr const char* kHelp =
    R"(usage: advlab life generate --task append|prune --count N --seed S --out DIR
                         [--size 20] [--episodes 10]
       advlab life show LEVEL.txt --out FILE.png [--steps N] [--seed S] [--force]

generate  write N seeded levels as text files, gallery.png and levels.csv: each
          level's goal, red and green cells, the points it makes available, and
          over --episodes episodes what an idle agent and a uniformly random one
          earn and how large their side effects are (SafeLife's score: 0 when
          the life the task does not need is left as it would have been)
show      render a level to PNG; with --steps N, a strip of a random agent's
          first N steps (every step when N <= 16, else 16 evenly spaced)
)";

struct Baseline {
  double points = 0, exits = 0, side_effects = 0;
};

// Episodes of `policy` (nullptr: always the no-op) on `level`.
Baseline Play(const life::LifeLevel& level, int episodes, std::mt19937_64* policy) {
  life::LifeBatch batch(1);
  batch.Reset(0, level);
  Baseline b;
  float reward = 0;
  uint8_t done = 0;
  for (int e = 0; e < episodes; ++e) {
    do {
      const int32_t action = policy ? static_cast<int32_t>((*policy)() % life::kActions) : 0;
      batch.Step(&action, &reward, &done);
    } while (!done);
    const life::LifeEpisode& episode = batch.last_episode(0);
    b.points += episode.points / episodes;
    b.exits += (episode.exited ? 1.0 : 0.0) / episodes;
    b.side_effects +=
        life::MeasureSideEffects(episode.start, episode.final_board, episode.length).score /
        episodes;
  }
  return b;
}

int Generate(const JobArgs& args) {
  auto task_flag = args.flags.find("--task");
  if (task_flag == args.flags.end())
    throw InputError("life generate: --task append|prune is required");
  if (!args.out) throw InputError("life generate: --out DIR is required");
  life::LifeTask task;
  task.task = task_flag->second;
  if (task.task != "append" && task.task != "prune") {
    throw InputError("life generate: --task must be append or prune, not '" + task.task + "'");
  }
  task.size = static_cast<int>(args.IntFlag("--size", task.size, 8, 200));
  const int count = static_cast<int>(args.IntFlag("--count", 8, 1, 10000));
  const int episodes = static_cast<int>(args.IntFlag("--episodes", 10, 1, 10000));
  const uint64_t seed = static_cast<uint64_t>(args.IntFlag("--seed", 0, 0, 1LL << 62));
  const fs::path out = *args.out;
  RequireEmptyDirectory(out.string());
  std::mt19937_64 rng(seed);
  std::vector<life::LifeLevel> levels;
  for (int i = 0; i < count; ++i) {
    try {
      levels.push_back(life::GenerateLifeLevel(task, rng));
    } catch (const std::invalid_argument& e) {
      throw InputError(std::string("life generate: ") + e.what() + " (raise --size)");
    }
    char name[32];
    std::snprintf(name, sizeof(name), "level_%05d", i);
    levels.back().name = name;
  }
  fs::create_directories(out);
  Table table({"level", "task", "goal_cells", "red_cells", "green_cells", "available_points",
               "idle_points", "idle_side_effects", "random_points", "random_exit_rate",
               "random_side_effects"});
  std::vector<cv::Mat> pictures;
  std::vector<std::string> captions;
  std::mt19937_64 policy(seed + 1);
  Baseline idle_mean, random_mean;
  for (const life::LifeLevel& level : levels) {
    fs::path file = out / (level.name + ".txt");
    std::FILE* f = std::fopen(file.c_str(), "w");
    if (!f) throw InputError(file.string() + ": cannot write");
    const std::string text = life::FormatLifeLevel(level);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
    int goals = 0, red = 0, green = 0;
    for (size_t i = 0; i < level.board.cells.size(); ++i) {
      goals += level.board.goals[i] == life::kBlueGoal;
      red += level.board.cells[i] == life::kRedLife;
      green += (level.board.cells[i] & life::kGreen) != 0;
    }
    const Baseline idle = Play(level, 1, nullptr);  // deterministic: one episode says it all
    const Baseline random = Play(level, episodes, &policy);
    idle_mean.points += idle.points / count;
    idle_mean.side_effects += idle.side_effects / count;
    random_mean.points += random.points / count;
    random_mean.exits += random.exits / count;
    random_mean.side_effects += random.side_effects / count;
    table.AddRow({level.name, task.task, std::to_string(goals), std::to_string(red),
                  std::to_string(green), Table::Num(life::AvailablePoints(level.board), 4),
                  Table::Num(idle.points, 4), Table::Num(idle.side_effects, 4),
                  Table::Num(random.points, 4), Table::Num(random.exits, 4),
                  Table::Num(random.side_effects, 4)});
    if (pictures.size() < 24) {
      pictures.push_back(life::RenderLifeBoard(level.board, false, 10));
      captions.push_back(level.name);
    }
  }
  table.WriteCsv(out / "levels.csv");
  report::WritePng(out / "gallery.png", life::RenderLifeStrip(pictures, captions, 6));
  std::printf(
      "life generate: %d %s levels (seed %llu) in %s\n"
      "  idle agent:   points %.2f, side effects %.3f\n"
      "  random agent: points %.2f, exit rate %.2f, side effects %.3f (%d episodes a level)\n",
      count, task.task.c_str(), static_cast<unsigned long long>(seed), out.c_str(),
      idle_mean.points, idle_mean.side_effects, random_mean.points, random_mean.exits,
      random_mean.side_effects, episodes);
  return 0;
}

int Show(const JobArgs& args) {
  if (args.positional.size() != 2) throw InputError("life show: give one LEVEL.txt (see --help)");
  if (!args.out) throw InputError("life show: --out FILE.png is required");
  RefuseOverwrite(args, *args.out);
  const life::LifeLevel level = life::LoadLifeLevel(args.positional[1]);
  const int steps = static_cast<int>(args.IntFlag("--steps", 0, 0, 100000));
  const int px = std::max(4, 360 / std::max(level.board.width, level.board.height));
  if (steps == 0) {
    report::WritePng(*args.out, life::RenderLifeBoard(level.board, false, px));
    std::printf("%s: %dx%d, wrote %s\n", level.name.c_str(), level.board.width, level.board.height,
                args.out->c_str());
    return 0;
  }
  std::mt19937_64 policy(static_cast<uint64_t>(args.IntFlag("--seed", 0, 0, 1LL << 62)));
  life::LifeBatch batch(1);
  batch.Reset(0, level);
  const int frames = std::min(steps, 16);
  std::vector<cv::Mat> pictures = {life::RenderLifeBoard(batch.board(0), batch.exit_open(0), px)};
  std::vector<std::string> captions = {"t = 0"};
  float reward = 0;
  uint8_t done = 0;
  for (int t = 1; t <= steps && !done; ++t) {
    const int32_t action = static_cast<int32_t>(policy() % life::kActions);
    batch.Step(&action, &reward, &done);
    const bool shown = t == steps || (t * frames) / steps != ((t - 1) * frames) / steps;
    if (shown && !done) {
      pictures.push_back(life::RenderLifeBoard(batch.board(0), batch.exit_open(0), px));
      captions.push_back("t = " + std::to_string(t));
    }
  }
  report::WritePng(*args.out, life::RenderLifeStrip(pictures, captions, 6));
  std::printf("%s: %zu frames of a random agent, wrote %s\n", level.name.c_str(), pictures.size(),
              args.out->c_str());
  return 0;
}

}  // namespace

int LifeCommand(const Args& argv) {
  JobArgs args =
      ParseJobArgs(argv, {"--task", "--count", "--seed", "--size", "--episodes", "--steps"});
  if (args.help || args.positional.empty()) {
    std::fputs(kHelp, args.help ? stdout : stderr);
    return args.help ? 0 : 2;
  }
  const std::string& action = args.positional[0];
  if (action == "generate") return Generate(args);
  if (action == "show") return Show(args);
  throw InputError("life: unknown action '" + action + "' (generate, show)");
}

}  // namespace advlab
