#pragma once
// PPO settings from a config: <prefix>.worlds, .steps, .epochs, ... (the keys
// of ppo_settings.h), each falling back to `defaults` (the lab's dcd values
// unless a module's paper says otherwise). Free of LibTorch.
#include <string>

#include "rl/ppo_settings.h"

namespace advlab::core {
class Config;
}

namespace advlab::rl {

// `rollout`: read worlds and steps too (a teacher's come from its students').
PpoSettings ReadPpoSettings(core::Config& config, const std::string& prefix, bool rollout = true,
                            const PpoSettings& defaults = PpoSettings{});

}  // namespace advlab::rl
