#pragma once
// torchrun's launch conventions: every process of a distributed job reads
//   RANK, WORLD_SIZE, LOCAL_RANK     who it is among how many
//   MASTER_ADDR, MASTER_PORT         where rank 0's store listens
//   ADVLAB_DIST_TIMEOUT              seconds to wait for a peer (default 300)
// from its environment. With none of them set the job runs alone, as before.
// Free of LibTorch.
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace advlab::distributed {

struct LaunchEnv {
  int rank = 0, world_size = 1, local_rank = 0;
  std::string master_addr = "127.0.0.1";
  int master_port = 0;
  double timeout_seconds = 300;
  bool distributed() const { return world_size > 1; }
};

// A peer that is gone or late: a rank died, never arrived, or did not answer
// within the timeout. The message names the ranks and the timeout.
class PeerFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads the variables through `getenv` (std::getenv by default): InputError
// naming the variable when one is malformed, out of range, or set without
// the others it needs.
LaunchEnv ReadLaunchEnv(
    const std::function<std::optional<std::string>(const std::string&)>& getenv = {});

}  // namespace advlab::distributed
