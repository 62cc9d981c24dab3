#pragma once
// Settings of the `advlab paired` job, read from YAML in one place.
//
//   key                    default   meaning
//   seed                   0         seeds levels, sampling and minibatch order
//   device                 cpu       cpu | cuda
//   ued.method             dr        dr (this issue; paired, flexible, minimax follow)
//   levels.size            15        grid size including the border
//   levels.walls           25        walls per DR level (the maximum with uniform_walls)
//   levels.uniform_walls   true      draw the wall count from [0, walls]
//   levels.max_steps       250       student episode limit
//   student.*              StudentNetOptions (student_net_options.h)
//   ppo.*                  PpoSettings (ppo_settings.h)
//   train.updates          300       PPO updates (each: new levels, worlds x steps)
//   train.checkpoint_every 25        updates between checkpoints (and one at the end)
//   train.gallery_every    50        updates between galleries of training levels (0: none)
#include <cstdint>
#include <string>

#include "paired/ppo_settings.h"
#include "paired/student_net_options.h"

namespace advlab::report {
class Config;
}

namespace advlab::paired {

struct LevelSettings {
  int size = 15;
  int walls = 25;
  bool uniform_walls = true;
  int max_steps = 250;
};

struct TrainOptions {
  uint64_t seed = 0;
  std::string device = "cpu";
  std::string method = "dr";
  LevelSettings levels;
  StudentNetOptions student;
  PpoSettings ppo;
  int updates = 300;
  int checkpoint_every = 25;
  int gallery_every = 50;
};

TrainOptions ReadTrainOptions(report::Config& config);
StudentNetOptions ReadStudentNetOptions(report::Config& config, const std::string& prefix);
PpoSettings ReadPpoSettings(report::Config& config, const std::string& prefix);

}  // namespace advlab::paired
