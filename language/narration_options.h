#pragma once
// The narration-shaping job's options (configs/language_shaping.yaml).
// Torch-free.
//
//   key                        default  meaning
//   seed                       0        first seed; seed k of `seeds` derives its streams from seed + k
//   seeds                      3        independent runs of every condition (and grounding model)
//   device                     cpu      cpu | cuda
//   language.file              language/data/narration_language.yaml  colours and templates
//   world.size                 7        grid side, walls included
//   world.wall_density         0.2      share of cells drawn as walls
//   world.order                [red, green, blue]  the task: landmarks to visit, in order
//   world.max_steps            48       episode step limit
//   grounding.embed_dim        32       shared space of the state and step encoders
//   grounding.conv_widths      [32, 32] state encoder: 3x3 conv + ReLU per width, 2x2 max-pool between
//   grounding.text_width       32       word embedding width (mean-pooled words, then a projection)
//   grounding.steps            600      optimiser steps of the contrastive training
//   grounding.batch            128      states per step, each paired with every colour's step
//   grounding.lr               0.003    Adam
//   grounding.test_states      1000     fresh states its accuracy is measured on
//   shaping.conditions         [sparse, narration, oracle]  reward conditions trained
//   shaping.bonus              0.2      reward for each step of the narration matched (once each)
//   shaping.phrasings          held_out train | held_out: the templates the narration is spoken with
//   agent.conv                 16       policy on the agent-centred view: 3x3 conv, 3x3 conv
//                                       stride 2, of this width; then a dense layer
//   agent.hidden               128
//   train.updates              300      PPO updates per condition and seed
//   eval.episodes              200      fresh layouts the trained policy is scored on
//   ppo.*                      rl/ppo_settings.h; here worlds 16, steps 64, epochs 4,
//                              minibatches 4, entropy_coef 0.01, gamma 0.99, lr 0.0005
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "envs/landmark_world.h"
#include "rl/ppo_settings.h"

namespace advlab::core {
class Config;
}

namespace advlab::language {

enum class Shaping { kSparse, kNarration, kOracle };
std::string ShapingName(Shaping shaping);

struct GroundingOptions {
  int embed_dim = 32;
  std::vector<int> conv_widths = {32, 32};
  int text_width = 32;
  int steps = 600;
  int batch = 128;
  double lr = 3e-3;
  int test_states = 1000;
};

// PPO's settings for the landmark task (the lab's defaults otherwise).
rl::PpoSettings NarrationPpoDefaults();

struct NarrationOptions {
  uint64_t seed = 0;
  int seeds = 3;
  std::string device = "cpu";
  std::filesystem::path language_file;
  std::vector<std::string> order = {"red", "green", "blue"};  // resolved against the language file
  envs::landmarks::LandmarkOptions world;
  GroundingOptions grounding;
  std::vector<Shaping> conditions = {Shaping::kSparse, Shaping::kNarration, Shaping::kOracle};
  double bonus = 0.2;
  bool held_out_narration = true;
  int agent_conv = 16, agent_hidden = 128;
  int updates = 300;
  int eval_episodes = 200;
  rl::PpoSettings ppo = NarrationPpoDefaults();
  std::string source;  // the config, for messages about it
};

NarrationOptions ReadNarrationOptions(core::Config& config);

}  // namespace advlab::language
