#include "rl/ppo_config.h"

#include "core/config.h"

namespace advlab::rl {

PpoSettings ReadPpoSettings(core::Config& config, const std::string& prefix, bool rollout,
                            const PpoSettings& defaults) {
  PpoSettings ppo = defaults;
  auto key = [&](const char* name) { return prefix + "." + name; };
  if (rollout) {
    ppo.worlds = static_cast<int>(config.Int(key("worlds"), ppo.worlds, 1, 1 << 20));
    ppo.steps = static_cast<int>(config.Int(key("steps"), ppo.steps, 1, 1 << 20));
  }
  ppo.epochs = static_cast<int>(config.Int(key("epochs"), ppo.epochs, 1, 1000));
  ppo.minibatches = static_cast<int>(config.Int(key("minibatches"), ppo.minibatches, 1, 1 << 20));
  if (rollout && ppo.worlds % ppo.minibatches != 0) {
    config.Fail(key("minibatches"),
                "must divide " + key("worlds") + " (" + std::to_string(ppo.worlds) + ")");
  }
  ppo.clip = config.Number(key("clip"), ppo.clip, 0.0, 10.0);
  ppo.clip_value = config.Bool(key("clip_value"), ppo.clip_value);
  ppo.value_coef = config.Number(key("value_coef"), ppo.value_coef, 0.0, 100.0);
  ppo.entropy_coef = config.Number(key("entropy_coef"), ppo.entropy_coef, 0.0, 100.0);
  ppo.max_grad_norm = config.Number(key("max_grad_norm"), ppo.max_grad_norm, 1e-6, 1e6);
  ppo.gamma = config.Number(key("gamma"), ppo.gamma, 0.0, 1.0);
  ppo.gae_lambda = config.Number(key("gae_lambda"), ppo.gae_lambda, 0.0, 1.0);
  ppo.learning_rate = config.Number(key("lr"), ppo.learning_rate, 1e-10, 1.0);
  ppo.adam_eps = config.Number(key("adam_eps"), ppo.adam_eps, 1e-12, 1.0);
  if (rollout) ppo.handle_timelimits = config.Bool(key("handle_timelimits"), ppo.handle_timelimits);
  return ppo;
}

}  // namespace advlab::rl
