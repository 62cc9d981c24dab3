#include "distributed/launch_env.h"

#include <cstdlib>

#include "core/error.h"

namespace advlab::distributed {
namespace {

long long Integer(const std::string& name, const std::string& value, long long min, long long max) {
  size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != value.size() || v < min || v > max) {
    throw InputError("environment variable " + name + "='" + value + "': expected an integer in [" +
                     std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  return v;
}

}  // namespace

LaunchEnv ReadLaunchEnv(
    const std::function<std::optional<std::string>(const std::string&)>& getenv) {
  auto get = [&](const std::string& name) -> std::optional<std::string> {
    if (getenv) return getenv(name);
    const char* v = std::getenv(name.c_str());
    return v ? std::optional<std::string>(v) : std::nullopt;
  };
  LaunchEnv env;
  const auto world = get("WORLD_SIZE"), rank = get("RANK"), local = get("LOCAL_RANK");
  const auto addr = get("MASTER_ADDR"), port = get("MASTER_PORT"),
             timeout = get("ADVLAB_DIST_TIMEOUT");
  if (!world && !rank) return env;
  if (!world || !rank) {
    throw InputError(std::string("environment variable ") + (world ? "RANK" : "WORLD_SIZE") +
                     " is not set, but " + (world ? "WORLD_SIZE" : "RANK") +
                     " is: a distributed job needs both (advlab launch sets them)");
  }
  env.world_size = static_cast<int>(Integer("WORLD_SIZE", *world, 1, 1 << 16));
  env.rank = static_cast<int>(Integer("RANK", *rank, 0, env.world_size - 1));
  env.local_rank =
      local ? static_cast<int>(Integer("LOCAL_RANK", *local, 0, env.world_size - 1)) : env.rank;
  if (env.world_size > 1) {
    if (!addr || addr->empty()) throw InputError("environment variable MASTER_ADDR is not set");
    if (!port) throw InputError("environment variable MASTER_PORT is not set");
    env.master_addr = *addr;
    env.master_port = static_cast<int>(Integer("MASTER_PORT", *port, 1, 65535));
  }
  if (timeout) {
    env.timeout_seconds = static_cast<double>(Integer("ADVLAB_DIST_TIMEOUT", *timeout, 1, 86400));
  }
  return env;
}

}  // namespace advlab::distributed
