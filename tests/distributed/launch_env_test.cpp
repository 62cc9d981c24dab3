// torchrun's environment variables, read strictly.
#include "distributed/launch_env.h"

#include <catch2/catch.hpp>
#include <map>

#include "core/error.h"

using advlab::distributed::LaunchEnv;
using advlab::distributed::ReadLaunchEnv;
using Catch::Matchers::Contains;

namespace {

LaunchEnv Read(const std::map<std::string, std::string>& variables) {
  return ReadLaunchEnv([&](const std::string& name) -> std::optional<std::string> {
    auto it = variables.find(name);
    return it == variables.end() ? std::nullopt : std::optional<std::string>(it->second);
  });
}

std::string Error(const std::map<std::string, std::string>& variables) {
  try {
    Read(variables);
  } catch (const advlab::InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a job with no launch variables runs alone", "[distributed]") {
  const LaunchEnv env = Read({});
  CHECK_FALSE(env.distributed());
  CHECK(env.rank == 0);
  CHECK(env.world_size == 1);
}

TEST_CASE("launch variables are read as torchrun sets them", "[distributed]") {
  const LaunchEnv env = Read({{"RANK", "3"},
                              {"WORLD_SIZE", "4"},
                              {"LOCAL_RANK", "1"},
                              {"MASTER_ADDR", "10.0.0.2"},
                              {"MASTER_PORT", "29500"},
                              {"ADVLAB_DIST_TIMEOUT", "30"}});
  CHECK(env.distributed());
  CHECK(env.rank == 3);
  CHECK(env.world_size == 4);
  CHECK(env.local_rank == 1);
  CHECK(env.master_addr == "10.0.0.2");
  CHECK(env.master_port == 29500);
  CHECK(env.timeout_seconds == 30);
  // One rank alone needs no store.
  CHECK_FALSE(Read({{"RANK", "0"}, {"WORLD_SIZE", "1"}}).distributed());
}

TEST_CASE("malformed launch variables are named", "[distributed]") {
  const std::map<std::string, std::string> ok = {
      {"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "127.0.0.1"}, {"MASTER_PORT", "29500"}};
  auto with = [&](const std::string& name, const std::string& value) {
    auto v = ok;
    v[name] = value;
    return v;
  };
  auto without = [&](const std::string& name) {
    auto v = ok;
    v.erase(name);
    return v;
  };
  CHECK_THAT(Error(with("RANK", "2")), Contains("RANK='2'"));
  // A local rank counts the ranks on one machine, never more than the job's.
  CHECK_THAT(Error(with("LOCAL_RANK", "2")), Contains("LOCAL_RANK='2'"));
  CHECK_THAT(Error(with("WORLD_SIZE", "two")), Contains("WORLD_SIZE='two'"));
  CHECK_THAT(Error(with("MASTER_PORT", "70000")), Contains("MASTER_PORT"));
  CHECK_THAT(Error(with("ADVLAB_DIST_TIMEOUT", "0")), Contains("ADVLAB_DIST_TIMEOUT"));
  CHECK_THAT(Error(without("MASTER_PORT")), Contains("MASTER_PORT is not set"));
  CHECK_THAT(Error(without("MASTER_ADDR")), Contains("MASTER_ADDR is not set"));
  CHECK_THAT(Error(without("WORLD_SIZE")), Contains("WORLD_SIZE is not set"));
}
