#include "language/narration_options.h"

#include <cmath>

#include "core/build_info.h"
#include "core/config.h"
#include "rl/ppo_config.h"

namespace advlab::language {

std::string ShapingName(Shaping shaping) {
  switch (shaping) {
    case Shaping::kSparse:
      return "sparse";
    case Shaping::kNarration:
      return "narration";
    case Shaping::kOracle:
      return "oracle";
  }
  return "?";
}

rl::PpoSettings NarrationPpoDefaults() {
  rl::PpoSettings ppo;
  ppo.worlds = 16;
  ppo.steps = 64;
  ppo.epochs = 4;
  ppo.minibatches = 4;
  ppo.entropy_coef = 0.01;
  ppo.gamma = 0.99;
  ppo.learning_rate = 5e-4;
  return ppo;
}

NarrationOptions ReadNarrationOptions(core::Config& config) {
  NarrationOptions o;
  o.source = config.source();
  o.seed = static_cast<uint64_t>(config.Int("seed", 0, 0, 1LL << 62));
  o.seeds = static_cast<int>(config.Int("seeds", o.seeds, 1, 100));
  o.device = config.Choice("device", o.device, {"cpu", "cuda"});
  o.language_file = config.RequiredPath(
      "language.file", (ProjectHome() / "language" / "data" / "narration_language.yaml").string());
  o.world.size = static_cast<int>(config.Int("world.size", o.world.size, 3, 64));
  o.world.wall_density = config.Number("world.wall_density", o.world.wall_density, 0.0, 0.6);
  o.order = config.Strings("world.order", o.order);
  o.world.max_steps = static_cast<int>(config.Int("world.max_steps", o.world.max_steps, 1, 100000));
  GroundingOptions& g = o.grounding;
  // A LayerNorm over one feature outputs a constant: widths start at 2.
  g.embed_dim = static_cast<int>(config.Int("grounding.embed_dim", g.embed_dim, 2, 4096));
  std::vector<double> widths(g.conv_widths.begin(), g.conv_widths.end());
  widths = config.Numbers("grounding.conv_widths", widths, 1, 4096);
  if (widths.empty()) config.Fail("grounding.conv_widths", "needs at least one width");
  for (double w : widths) {
    if (w != std::floor(w)) config.Fail("grounding.conv_widths", "widths are whole numbers");
  }
  g.conv_widths.assign(widths.begin(), widths.end());
  g.text_width = static_cast<int>(config.Int("grounding.text_width", g.text_width, 2, 4096));
  g.steps = static_cast<int>(config.Int("grounding.steps", g.steps, 1, 10000000));
  g.batch = static_cast<int>(config.Int("grounding.batch", g.batch, 1, 1 << 20));
  g.lr = config.Number("grounding.lr", g.lr, 1e-7, 1.0);
  g.test_states = static_cast<int>(config.Int("grounding.test_states", g.test_states, 1, 10000000));
  std::vector<std::string> names = {"sparse", "narration", "oracle"};
  names = config.Strings("shaping.conditions", names);
  o.conditions.clear();
  for (const std::string& name : names) {
    Shaping s = Shaping::kSparse;
    if (name == "narration") {
      s = Shaping::kNarration;
    } else if (name == "oracle") {
      s = Shaping::kOracle;
    } else if (name != "sparse") {
      config.Fail("shaping.conditions",
                  "unknown condition '" + name + "' (sparse, narration, oracle)");
    }
    for (Shaping seen : o.conditions) {
      if (seen == s) config.Fail("shaping.conditions", "'" + name + "' is listed twice");
    }
    o.conditions.push_back(s);
  }
  if (o.conditions.empty()) config.Fail("shaping.conditions", "names no condition");
  o.bonus = config.Number("shaping.bonus", o.bonus, 0.0, 1e6);
  o.held_out_narration =
      config.Choice("shaping.phrasings", "held_out", {"train", "held_out"}) == "held_out";
  o.agent_conv = static_cast<int>(config.Int("agent.conv", o.agent_conv, 1, 1024));
  o.agent_hidden = static_cast<int>(config.Int("agent.hidden", o.agent_hidden, 1, 8192));
  o.updates = static_cast<int>(config.Int("train.updates", o.updates, 1, 10000000));
  o.eval_episodes = static_cast<int>(config.Int("eval.episodes", o.eval_episodes, 1, 1000000));
  o.ppo = rl::ReadPpoSettings(config, "ppo", true, NarrationPpoDefaults());
  return o;
}

}  // namespace advlab::language
