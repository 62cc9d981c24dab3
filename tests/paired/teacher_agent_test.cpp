#include "paired/teacher_agent.h"

#include <catch2/catch.hpp>

using namespace advlab;
using namespace advlab::paired;

TEST_CASE("the teacher designs levels and is paid on its last step only", "[teacher]") {
  torch::manual_seed(0);
  envs::LevelBatch levels(4, 15, 15);
  envs::TeacherSettings world;
  world.walls = 5;
  TeacherNetOptions net;
  net.conv_channels = 4;
  net.hidden = 8;
  net.head = 8;
  rl::PpoSettings ppo;
  ppo.worlds = 4;
  ppo.epochs = 1;
  TeacherAgent teacher(&levels, net, world, ppo, 3, torch::kCPU);
  teacher.Design();
  CHECK(teacher.worlds().Done());
  for (int i = 0; i < 4; ++i) {
    CHECK(levels.goal[i].Valid());
    CHECK(levels.agent[i].Valid());
    CHECK(levels.agent[i] != levels.goal[i]);
  }
  rl::PpoStats stats = teacher.Update({0.5, 0.0, 0.25, 1.0});
  CHECK(std::isfinite(stats.policy_loss));
  const torch::Tensor& rewards = teacher.rewards();
  CHECK(rewards.size(0) == 7);  // N + 2 design steps
  CHECK(rewards.slice(0, 0, 6).abs().sum().item<double>() == 0.0);
  CHECK(rewards[6][0].item<double>() == Approx(0.5));
  CHECK(rewards[6][3].item<double>() == Approx(1.0));
  // The same seed designs the same first levels.
  torch::manual_seed(0);
  envs::LevelBatch again(4, 15, 15);
  TeacherAgent twin(&again, net, world, ppo, 3, torch::kCPU);
  twin.Design();
  for (int i = 0; i < 4; ++i) {
    CHECK(again.goal[i] == levels.goal[i]);
    CHECK(std::equal(again.walls(i), again.walls(i) + 225, levels.walls(i)));
  }
}
