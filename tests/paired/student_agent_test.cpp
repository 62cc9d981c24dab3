#include "paired/student_agent.h"

#include <catch2/catch.hpp>

using namespace advlab;
using namespace advlab::paired;

TEST_CASE("a rollout's per-level statistics match the rewards and dones it stored", "[student]") {
  // World 0: the goal is walled off, so each 4-step episode times out: 3 in 12 steps.
  envs::Level closed = envs::Level::Empty(7, 7);
  closed.agent = {1, 1};
  closed.goal = {5, 5};
  closed.SetWall(4, 5, true);
  closed.SetWall(5, 4, true);
  closed.max_steps = 4;
  // World 1: the goal is one step ahead; a random student reaches it sometimes.
  envs::Level open = envs::Level::Empty(7, 7);
  open.agent = {1, 1};
  open.goal = {2, 1};
  open.direction = envs::kEast;
  open.max_steps = 4;
  envs::LevelBatch levels(2, 7, 7);
  levels.Set(0, closed);
  levels.Set(1, open);
  rl::PpoSettings ppo;
  ppo.worlds = 2;
  ppo.steps = 12;
  StudentNetOptions net;
  net.hidden = 8;
  net.head = 8;
  net.conv_channels = 4;
  net.actions = 3;
  torch::manual_seed(2);
  StudentAgent agent(&levels, net, ppo, /*seed=*/5, torch::kCPU);
  const LevelReturns r = agent.Collect();

  REQUIRE(r.episodes.size() == 2);
  CHECK(r.episodes[0] == 3);
  CHECK(r.solved[0] == 0);
  CHECK(r.mean_return[0] == 0);
  CHECK(r.mean_length[0] == Approx(4));
  const RolloutStorage& stored = agent.storage();
  for (int t : {3, 7, 11}) CHECK(stored.timeouts[t][0].item<float>() == 1);

  // World 1, recounted by hand from the stored rollout.
  int episodes = 0, solved = 0, length = 0;
  double total = 0, episode_return = 0;
  for (int t = 0; t < 12; ++t) {
    episode_return += stored.rewards[t][1].item<float>();
    ++length;
    if (stored.dones[t][1].item<float>() > 0) {
      ++episodes;
      solved += episode_return > 0;
      total += episode_return;
      episode_return = 0;
      length = 0;
    }
  }
  CHECK(episodes >= 3);  // every episode ends within its 4 steps
  CHECK(r.episodes[1] == episodes);
  CHECK(r.solved[1] == solved);
  CHECK(r.mean_return[1] == Approx(total / episodes));
}
