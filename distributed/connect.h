#pragma once
// Joining a distributed job without LibTorch's headers (for the command
// line, whose files do not include <torch/torch.h>): the Collective stays an
// incomplete type here.
#include <memory>

#include "distributed/launch_env.h"

namespace advlab::distributed {

class Collective;

// Connects this rank (collective.h); nullptr when the job runs alone.
std::shared_ptr<Collective> Connect(const LaunchEnv& env);
int RankOf(const Collective& group);
int SizeOf(const Collective& group);

}  // namespace advlab::distributed
