#pragma once
// Settings of the `advlab paired` job, read from YAML in one place.
//
//   key                    default   meaning
//   seed                   0         seeds levels, sampling and minibatch order
//   device                 cpu       cpu | cuda
//   ued.method             dr        dr | paired | flexible | minimax | plr | plr_perp | accel
//                                    | repaired
//   ued.clip_regret        true      clip the PAIRED teacher reward at 0 (dcd)
//   ued.minimax_uses_max   false     minimax reward -P_max (dcd) instead of -P_mean (google)
//   ued.concurrent_students true     protagonist and antagonist roll out and update in parallel
//   levels.size            15        grid size including the border
//   levels.walls           25        walls per DR level (the maximum with uniform_walls)
//   levels.uniform_walls   true      draw the wall count from [0, walls]
//   levels.max_steps       250       student episode limit
//   student.*              StudentNetOptions (student_net_options.h)
//   ppo.*                  rl::PpoSettings (rl/ppo_settings.h); ppo.handle_timelimits true
//   plr.buffer_size        4000      level buffer (plr, plr_perp, accel, repaired; level_buffer.h)
//   plr.score_function     grounded_signed_value_loss   level_scores.h
//   plr.score_transform    rank      rank | power | softmax
//   plr.temperature        0.1       beta
//   plr.staleness_coef     0.3       rho_c
//   plr.staleness_temperature 1.0
//   plr.replay_prob        0.5       p
//   plr.min_fill           0.5       rho: fill below which nothing is replayed
//   plr.replay_schedule    proportionate   proportionate (dcd) | fixed
//   accel.num_edits        5         edits per child level
//   accel.editor_prob      1.0       chance of an edit step after a replay iteration
//   accel.parents          4         replayed levels edited (each copied worlds / parents times)
//   train.updates          300       UED iterations (each: levels, worlds x steps, learning)
//   train.max_env_steps    0         also stop once this many protagonist steps are done
//                                    (edit rollouts count; 0: no limit), for equal budgets
//   train.checkpoint_every 25        updates between checkpoints (and one at the end)
//   train.gallery_every    50        updates between galleries of training levels (0: none)
//   teacher.walls          50        N: walls the teacher places (25, 50, 60 in the literature)
//   teacher.goal_last      false     walls first, then goal, then agent
//   teacher.noise_dim      50        random vector dimension
//   teacher.net.*          TeacherNetOptions (teacher_net_options.h)
//   teacher_ppo.*          rl::PpoSettings for the teacher (its worlds and steps come from above)
//   eval.episodes          0         zero-shot evaluation after training (0: none)
//   eval.mazes             [...]     held-out mazes for it
#include <cstdint>
#include <string>

#include <vector>

#include "envs/teacher_batch.h"
#include "paired/level_buffer.h"
#include "paired/regret.h"
#include "paired/student_net_options.h"
#include "paired/teacher_net_options.h"
#include "rl/ppo_settings.h"

namespace advlab::core {
class Config;
}

namespace advlab::paired {

struct LevelSettings {
  int size = 15;
  int walls = 25;
  bool uniform_walls = true;
  int max_steps = envs::kDefaultMaxSteps;
};

struct EditorSettings {
  int num_edits = 5;
  double editor_prob = 1.0;
  int parents = 4;
};

struct TrainOptions {
  uint64_t seed = 0;
  std::string device = "cpu";
  UedMethod method = UedMethod::kDomainRandomization;
  LevelSettings levels;
  StudentNetOptions student;
  rl::PpoSettings ppo;
  int updates = 300;
  int64_t max_env_steps = 0;
  int checkpoint_every = 25;
  int gallery_every = 50;
  bool clip_regret = true;
  bool minimax_uses_max = false;
  bool concurrent_students = true;
  envs::TeacherSettings teacher_world;
  TeacherNetOptions teacher_net;
  rl::PpoSettings teacher_ppo;
  LevelBufferSettings replay;
  std::string score_function = "grounded_signed_value_loss";
  EditorSettings editor;
  int eval_episodes = 0;
  std::vector<std::string> eval_mazes = {"SixteenRooms", "Labyrinth", "Labyrinth2",
                                         "Maze",         "Maze2",     "SimpleCrossingS11N5",
                                         "SmallCorridor"};
};

TrainOptions ReadTrainOptions(core::Config& config);
StudentNetOptions ReadStudentNetOptions(core::Config& config, const std::string& prefix);

}  // namespace advlab::paired
