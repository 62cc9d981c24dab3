#include "envs/teacher_batch.h"

#include <catch2/catch.hpp>

#include <set>
#include <vector>

using namespace advlab::envs;

namespace {

struct Teacher {
  Teacher(int count, TeacherSettings settings, uint64_t seed = 7)
      : levels(count, 15, 15),
        images(count * 3 * 15 * 15),
        time_steps(count),
        noise(count * settings.noise_dim),
        batch(&levels, settings, {images.data(), time_steps.data(), noise.data()}, seed) {
    batch.Reset();
  }
  void Step(int action) {
    std::vector<int32_t> actions(levels.count(), action);
    batch.Step(actions.data());
  }
  // (object, colour, state) of cell (x, y) in world i's image.
  std::tuple<float, float, float> Image(int x, int y, int i = 0) const {
    const float* image = images.data() + i * 3 * 225;
    int k = y * 15 + x;
    return {image[k], image[225 + k], image[450 + k]};
  }

  LevelBatch levels;
  std::vector<float> images;
  std::vector<int32_t> time_steps;
  std::vector<float> noise;
  TeacherBatch batch;
};

// Action for cell (x, y) of a 15x15 grid.
int ActionAt(int x, int y) { return (y - 1) * 13 + (x - 1); }

}  // namespace

TEST_CASE("teacher actions decode left to right, top to bottom", "[teacher]") {
  Teacher teacher(1, {});
  CHECK(teacher.batch.num_actions() == 169);
  teacher.Step(0);  // goal at (1,1)
  CHECK(teacher.levels.goal[0] == Cell{1, 1});
  teacher.Step(168);  // agent at (13,13)
  CHECK(teacher.levels.agent[0] == Cell{13, 13});
  CHECK_THROWS_AS(teacher.Step(169), std::out_of_range);
}

TEST_CASE("default order: goal, agent, then walls, N + 2 steps", "[teacher]") {
  TeacherSettings settings;
  settings.walls = 3;
  Teacher teacher(1, settings);
  CHECK(teacher.batch.episode_length() == 5);
  teacher.Step(ActionAt(5, 5));
  CHECK(teacher.levels.goal[0] == Cell{5, 5});
  CHECK(teacher.time_steps[0] == 1);
  teacher.Step(ActionAt(6, 6));
  CHECK(teacher.levels.agent[0] == Cell{6, 6});
  teacher.Step(ActionAt(7, 7));
  teacher.Step(ActionAt(5, 5));  // on the goal: no effect
  teacher.Step(ActionAt(6, 6));  // on the agent: no effect
  CHECK(teacher.batch.Done());
  CHECK(teacher.levels.walls(0)[7 * 15 + 7] == 1);
  CHECK(teacher.levels.walls(0)[5 * 15 + 5] == 0);
  CHECK(teacher.levels.walls(0)[6 * 15 + 6] == 0);
  CHECK_THROWS_AS(teacher.Step(0), std::logic_error);
  // The image shows walls, goal and agent with its direction.
  CHECK(teacher.Image(7, 7) == std::tuple<float, float, float>{2, 5, 0});
  CHECK(teacher.Image(5, 5) == std::tuple<float, float, float>{8, 1, 0});
  CHECK(std::get<0>(teacher.Image(6, 6)) == 10);
  CHECK(std::get<2>(teacher.Image(6, 6)) == teacher.levels.direction[0]);
  CHECK(teacher.Image(0, 0) == std::tuple<float, float, float>{2, 5, 0});
  CHECK(teacher.Image(2, 2) == std::tuple<float, float, float>{1, 0, 0});
}

TEST_CASE("goal-last order and the conflict rules", "[teacher]") {
  TeacherSettings settings;
  settings.walls = 3;
  settings.goal_last = true;
  Teacher teacher(1, settings);
  teacher.Step(ActionAt(4, 4));
  teacher.Step(ActionAt(4, 4));  // a second wall on a wall: no effect
  teacher.Step(ActionAt(9, 9));
  CHECK(teacher.batch.PlacementAt(3) == TeacherBatch::Placement::kGoal);
  teacher.Step(ActionAt(4, 4));  // the goal clears the wall
  CHECK(teacher.levels.goal[0] == Cell{4, 4});
  CHECK(teacher.levels.walls(0)[4 * 15 + 4] == 0);
  teacher.Step(ActionAt(4, 4));  // the agent on the goal moves to a random free cell
  Cell agent = teacher.levels.agent[0];
  CHECK(agent != Cell{4, 4});
  CHECK(agent.Valid());
  CHECK(teacher.levels.walls(0)[agent.y * 15 + agent.x] == 0);
  CHECK(teacher.batch.Done());
}

TEST_CASE("the agent placed on a wall clears it", "[teacher]") {
  TeacherSettings settings;
  settings.walls = 1;
  settings.goal_last = true;
  Teacher teacher(1, settings);
  teacher.Step(ActionAt(8, 3));
  teacher.Step(ActionAt(2, 2));
  teacher.Step(ActionAt(8, 3));
  CHECK(teacher.levels.agent[0] == Cell{8, 3});
  CHECK(teacher.levels.walls(0)[3 * 15 + 8] == 0);
}

TEST_CASE("teacher noise is uniform, redrawn every step and seeded per world", "[teacher]") {
  TeacherSettings settings;
  Teacher a(2, settings, 11), b(2, settings, 11);
  CHECK(a.noise == b.noise);
  for (float v : a.noise) {
    CHECK(v >= 0.0f);
    CHECK(v < 1.0f);
  }
  std::vector<float> before = a.noise;
  a.Step(0);
  CHECK(a.noise != before);
  CHECK(std::vector<float>(a.noise.begin(), a.noise.begin() + 50) !=
        std::vector<float>(a.noise.begin() + 50, a.noise.end()));
  CHECK(a.time_steps == std::vector<int32_t>{1, 1});
}
