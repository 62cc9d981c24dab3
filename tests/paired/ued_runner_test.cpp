#include <catch2/catch.hpp>

#include <cmath>

#include "paired/ued_runner.h"
#include "tests/temp_dir.h"

using namespace advlab;
using namespace advlab::paired;
using advlab::testing::TempDir;

namespace {

TrainOptions Tiny(const std::string& method) {
  TrainOptions o;
  o.method = UedMethodFromName(method);
  o.seed = 4;
  o.levels.size = 7;
  o.levels.walls = 3;
  o.levels.max_steps = 12;  // several episodes per rollout
  o.student.conv_channels = 4;
  o.student.hidden = 8;
  o.student.head = 8;
  o.student.actions = 3;
  o.ppo.worlds = 4;
  o.ppo.steps = 32;
  o.ppo.epochs = 1;
  o.teacher_world.walls = 4;
  o.teacher_world.max_steps = 12;
  o.teacher_net.conv_channels = 4;
  o.teacher_net.hidden = 8;
  o.teacher_net.head = 8;
  o.teacher_ppo.worlds = 4;
  o.teacher_ppo.epochs = 1;
  o.replay.capacity = 8;
  o.replay.min_fill = 0.5;
  o.replay.replay_prob = 0.5;
  return o;
}

torch::Tensor Flat(StudentAgent& s) {
  std::vector<torch::Tensor> p;
  for (const torch::Tensor& t : s.net()->parameters()) p.push_back(t.detach().flatten().clone());
  return torch::cat(p);
}

}  // namespace

TEST_CASE("PLR-perp takes no gradient step on new levels, and does on replayed ones",
          "[ued_runner]") {
  UedRunner runner(Tiny("plr_perp"), torch::kCPU);
  int replays = 0, news = 0;
  for (int i = 0; i < 12; ++i) {
    torch::Tensor before = Flat(runner.protagonist());
    IterationResult r = runner.Iterate();
    const bool changed = !torch::equal(before, Flat(runner.protagonist()));
    INFO("iteration " << i << " replay " << r.replay);
    CHECK(r.students_learned == r.replay);
    CHECK(changed == r.replay);
    (r.replay ? replays : news) += 1;
  }
  CHECK(replays > 0);
  CHECK(news > 0);
  CHECK(runner.student_updates() == replays);
  // PLR learns on both kinds of iteration.
  UedRunner plr(Tiny("plr"), torch::kCPU);
  torch::Tensor before = Flat(plr.protagonist());
  IterationResult first = plr.Iterate();
  CHECK_FALSE(first.replay);
  CHECK_FALSE(torch::equal(before, Flat(plr.protagonist())));
}

TEST_CASE("new levels enter the buffer, replayed iterations draw from it", "[ued_runner]") {
  UedRunner runner(Tiny("plr_perp"), torch::kCPU);
  IterationResult first = runner.Iterate();
  CHECK_FALSE(first.replay);
  CHECK(runner.buffer()->size() == first.admitted);
  CHECK(first.admitted > 0);
  int replays = 0;
  for (int i = 0; i < 10; ++i) {
    IterationResult r = runner.Iterate();
    if (!r.replay) continue;
    ++replays;
    for (const envs::Level& level : runner.played_levels())
      CHECK(runner.buffer()->Find(level) >= 0);
  }
  CHECK(replays > 0);
}

TEST_CASE("ACCEL plays edited children after each replay iteration", "[ued_runner]") {
  UedRunner runner(Tiny("accel"), torch::kCPU);
  bool edited = false;
  for (int i = 0; i < 10 && !edited; ++i) {
    IterationResult r = runner.Iterate();
    CHECK(r.edited == (r.replay ? 4 : 0));  // editor_prob 1: a whole batch of children
    if (!r.replay) continue;
    CHECK(r.env_steps == 2 * 4 * 32);  // the children's rollout counts
    edited = true;
  }
  CHECK(edited);
  int edited_levels = 0;
  for (int i = 0; i < runner.buffer()->size(); ++i)
    edited_levels += runner.buffer()->at(i).generation > 0;
  CHECK(edited_levels > 0);
}

TEST_CASE("a runner resumed from a checkpoint continues exactly, buffer included", "[ued_runner]") {
  TempDir dir;
  for (const char* method : {"accel", "repaired"}) {
    INFO(method);
    UedRunner whole(Tiny(method), torch::kCPU);
    for (int i = 0; i < 3; ++i) whole.Iterate();
    whole.Save(dir.path() / "runner.pt");
    UedRunner resumed(Tiny(method), torch::kCPU);
    resumed.Load(dir.path() / "runner.pt");
    REQUIRE(resumed.next_update() == 3);
    CHECK(resumed.buffer()->Serialize() == whole.buffer()->Serialize());
    CHECK(resumed.env_steps() == whole.env_steps());
    for (int i = 0; i < 4; ++i) {
      IterationResult a = whole.Iterate(), b = resumed.Iterate();
      CHECK(a.replay == b.replay);
      CHECK(a.protagonist.mean_return == b.protagonist.mean_return);
      CHECK(a.antagonist.mean_return == b.antagonist.mean_return);
      CHECK(a.protagonist_ppo.value_loss == b.protagonist_ppo.value_loss);
      CHECK((a.teacher_reward == b.teacher_reward ||
             (std::isnan(a.teacher_reward) && std::isnan(b.teacher_reward))));
    }
    CHECK(resumed.buffer()->Serialize() == whole.buffer()->Serialize());
  }
}
