#include "paired/train_options.h"

#include <limits>

#include "core/config.h"
#include "paired/level_scores.h"
#include "paired/regret.h"
#include "rl/ppo_config.h"

namespace advlab::paired {

StudentNetOptions ReadStudentNetOptions(core::Config& config, const std::string& prefix) {
  StudentNetOptions net;
  net.conv_channels =
      static_cast<int>(config.Int(prefix + ".conv_channels", net.conv_channels, 1, 1024));
  net.direction_embed =
      static_cast<int>(config.Int(prefix + ".direction_embed", net.direction_embed, 1, 1024));
  net.recurrent = config.Choice(prefix + ".recurrent", net.recurrent, {"lstm", "gru", "none"});
  net.hidden = static_cast<int>(config.Int(prefix + ".hidden", net.hidden, 1, 8192));
  net.head = static_cast<int>(config.Int(prefix + ".head", net.head, 1, 8192));
  net.actions = static_cast<int>(config.Int(prefix + ".actions", net.actions, 3, 7));
  return net;
}

TrainOptions ReadTrainOptions(core::Config& config) {
  // Every default is the struct's own (train_options.h), read as the key's fallback.
  TrainOptions options;
  options.seed = static_cast<uint64_t>(config.Int("seed", static_cast<int64_t>(options.seed), 0,
                                                  std::numeric_limits<int64_t>::max()));
  options.device = config.Choice("device", options.device, {"cpu", "cuda"});
  options.method = UedMethodFromName(
      config.Choice("ued.method", UedMethodName(options.method), UedMethodNames()));
  options.clip_regret = config.Bool("ued.clip_regret", options.clip_regret);
  options.minimax_uses_max = config.Bool("ued.minimax_uses_max", options.minimax_uses_max);
  options.concurrent_students = config.Bool("ued.concurrent_students", options.concurrent_students);
  LevelSettings& levels = options.levels;
  levels.size = static_cast<int>(config.Int("levels.size", levels.size, 5, 101));
  int interior = (levels.size - 2) * (levels.size - 2);
  levels.walls = static_cast<int>(config.Int("levels.walls", levels.walls, 0, interior - 2));
  levels.uniform_walls = config.Bool("levels.uniform_walls", levels.uniform_walls);
  levels.max_steps = static_cast<int>(config.Int("levels.max_steps", levels.max_steps, 1, 1 << 20));
  options.student = ReadStudentNetOptions(config, "student");
  options.ppo = rl::ReadPpoSettings(config, "ppo");
  options.updates = static_cast<int>(config.Int("train.updates", options.updates, 1, 1 << 24));
  options.max_env_steps =
      config.Int("train.max_env_steps", options.max_env_steps, 0, int64_t{1} << 50);
  options.checkpoint_every =
      static_cast<int>(config.Int("train.checkpoint_every", options.checkpoint_every, 1, 1 << 24));
  options.gallery_every =
      static_cast<int>(config.Int("train.gallery_every", options.gallery_every, 0, 1 << 24));

  envs::TeacherSettings& world = options.teacher_world;
  world.walls = static_cast<int>(config.Int("teacher.walls", world.walls, 0, interior));
  world.goal_last = config.Bool("teacher.goal_last", world.goal_last);
  world.noise_dim = static_cast<int>(config.Int("teacher.noise_dim", world.noise_dim, 0, 4096));
  world.max_steps = options.levels.max_steps;
  TeacherNetOptions& net = options.teacher_net;
  net.conv_channels =
      static_cast<int>(config.Int("teacher.net.conv_channels", net.conv_channels, 1, 4096));
  net.time_embed = static_cast<int>(config.Int("teacher.net.time_embed", net.time_embed, 1, 4096));
  net.recurrent = config.Choice("teacher.net.recurrent", net.recurrent, {"lstm", "none"});
  net.hidden = static_cast<int>(config.Int("teacher.net.hidden", net.hidden, 1, 8192));
  net.head = static_cast<int>(config.Int("teacher.net.head", net.head, 1, 8192));
  net.incremental = config.Bool("teacher.net.incremental", net.incremental);
  options.teacher_ppo = rl::ReadPpoSettings(config, "teacher_ppo", /*rollout=*/false);
  options.teacher_ppo.worlds = options.ppo.worlds;
  if (options.ppo.worlds % options.teacher_ppo.minibatches != 0) {
    config.Fail("teacher_ppo.minibatches", "must divide ppo.worlds");
  }
  LevelBufferSettings& replay = options.replay;
  replay.capacity = static_cast<int>(config.Int("plr.buffer_size", replay.capacity, 1, 1 << 20));
  options.score_function =
      config.Choice("plr.score_function", options.score_function, ScoreFunctionNames());
  replay.score_transform =
      config.Choice("plr.score_transform", replay.score_transform, {"rank", "power", "softmax"});
  replay.temperature = config.Number("plr.temperature", replay.temperature, 1e-3, 1e3);
  replay.staleness_coef = config.Number("plr.staleness_coef", replay.staleness_coef, 0.0, 1.0);
  replay.staleness_temperature =
      config.Number("plr.staleness_temperature", replay.staleness_temperature, 1e-3, 1e3);
  replay.replay_prob = config.Number("plr.replay_prob", replay.replay_prob, 0.0, 1.0);
  replay.min_fill = config.Number("plr.min_fill", replay.min_fill, 0.0, 1.0);
  replay.replay_schedule =
      config.Choice("plr.replay_schedule", replay.replay_schedule, {"proportionate", "fixed"});
  if (UsesLevelReplay(options.method) && options.ppo.handle_timelimits &&
      options.ppo.steps <= options.levels.max_steps) {
    // Scores come from completed episodes only (the rollout's unfinished tail
    // is not scored), so a level whose episode always runs out would never
    // enter the buffer: only levels solved quickly would.
    config.Fail("ppo.steps", "must exceed levels.max_steps (" +
                                 std::to_string(options.levels.max_steps) +
                                 ") for level replay, so that every rollout completes an episode");
  }
  EditorSettings& editor = options.editor;
  editor.num_edits = static_cast<int>(config.Int("accel.num_edits", editor.num_edits, 1, interior));
  editor.editor_prob = config.Number("accel.editor_prob", editor.editor_prob, 0.0, 1.0);
  editor.parents =
      static_cast<int>(config.Int("accel.parents", editor.parents, 1, options.ppo.worlds));
  options.eval_episodes =
      static_cast<int>(config.Int("eval.episodes", options.eval_episodes, 0, 100000));
  options.eval_mazes = config.Strings("eval.mazes", options.eval_mazes);
  return options;
}

}  // namespace advlab::paired
