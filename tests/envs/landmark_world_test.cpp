// The landmark world of narration shaping: layouts, the order, the sparse
// reward and the labelling program, by hand.
#include <algorithm>
#include <catch2/catch.hpp>

#include "core/error.h"
#include "envs/landmark_world.h"

using namespace advlab::envs::landmarks;

namespace {

// A 5x5 world with no walls, landmarks 0, 1, 2 at cells (1,0), (2,0), (3,0)
// and the agent at (0,0); order 0, 1, 2.
LandmarkWorlds Corridor(int max_steps = 20) {
  LandmarkOptions o;
  o.size = 5;
  o.wall_density = 0;
  o.landmarks = 3;
  o.order = {0, 1, 2};
  o.max_steps = max_steps;
  LandmarkWorlds worlds(o, 1);
  worlds.Reset(0, 1);
  LandmarkWorld& w = worlds.world(0);
  w.landmarks = {1, 2, 3};
  w.agent = 0;
  return worlds;
}

}  // namespace

TEST_CASE("landmark layouts are seeded, distinct and reachable", "[envs][landmarks]") {
  LandmarkOptions o;
  o.size = 7;
  o.wall_density = 0.45;  // walls often cut the grid apart
  LandmarkWorlds a(o, 50), b(o, 50);
  for (int i = 0; i < 50; ++i) {
    a.Reset(i, 100 + static_cast<uint64_t>(i));
    b.Reset(i, 100 + static_cast<uint64_t>(i));
    const LandmarkWorld& w = a.world(i);
    CHECK(w.walls == b.world(i).walls);
    CHECK(w.landmarks == b.world(i).landmarks);
    REQUIRE(w.landmarks.size() == 4);
    std::vector<int> cells = w.landmarks;
    cells.push_back(w.agent);
    std::sort(cells.begin(), cells.end());
    CHECK(std::adjacent_find(cells.begin(), cells.end()) == cells.end());
    for (int c : cells) CHECK(w.walls[static_cast<size_t>(c)] == 0);
    CHECK(a.LandmarkUnderAgent(i) == -1);  // the agent starts off every landmark
    // Every landmark is reachable from the agent (a flood fill by hand).
    std::vector<int> seen(49, 0), frontier = {w.agent};
    seen[static_cast<size_t>(w.agent)] = 1;
    while (!frontier.empty()) {
      const int c = frontier.back();
      frontier.pop_back();
      for (int d : {-7, 7, -1, 1}) {
        const int next = c + d;
        if (next < 0 || next >= 49 || ((d == 1 || d == -1) && next / 7 != c / 7)) continue;
        if (seen[static_cast<size_t>(next)] || w.walls[static_cast<size_t>(next)]) continue;
        seen[static_cast<size_t>(next)] = 1;
        frontier.push_back(next);
      }
    }
    for (int c : w.landmarks) CHECK(seen[static_cast<size_t>(c)] == 1);
  }
}

TEST_CASE("the labelling program names the landmark under the agent", "[envs][landmarks]") {
  LandmarkWorlds worlds = Corridor();
  CHECK(worlds.LandmarkUnderAgent(0) == -1);
  worlds.world(0).agent = 2;
  CHECK(worlds.LandmarkUnderAgent(0) == 1);  // whatever the order's progress
  worlds.world(0).agent = 3;
  CHECK(worlds.LandmarkUnderAgent(0) == 2);
}

TEST_CASE("only the order's next landmark counts; finishing pays the sparse reward",
          "[envs][landmarks]") {
  LandmarkWorlds worlds = Corridor(20);
  // Out of order: along to landmark 2 passes 0 and 1 in order, so go back
  // and forth to show that a landmark out of turn does nothing.
  worlds.world(0).landmarks = {3, 2, 1};  // colour 0 at x=3, 1 at x=2, 2 at x=1
  auto step = [&](int action) { return worlds.Step({action}).front(); };
  CHECK(step(kRight).reward == 0);  // onto colour 2: not next
  CHECK(worlds.world(0).progress == 0);
  step(kRight);  // colour 1: not next
  CHECK(worlds.world(0).progress == 0);
  step(kRight);  // colour 0: next
  CHECK(worlds.world(0).progress == 1);
  step(kLeft);  // colour 1
  CHECK(worlds.world(0).progress == 2);
  const StepOutcome last = step(kLeft);  // colour 2: done in 5 steps
  CHECK(last.done);
  CHECK_FALSE(last.timeout);
  CHECK(worlds.world(0).success);
  CHECK(last.reward == Approx(1.0 - 0.9 * 5 / 20));
}

TEST_CASE("the step limit ends an episode as a timeout; walls and edges stop moves",
          "[envs][landmarks]") {
  LandmarkWorlds worlds = Corridor(3);
  worlds.world(0).walls[5] = 1;                   // (0,1), below the agent
  CHECK(worlds.Step({kUp}).front().reward == 0);  // off the grid: stays
  CHECK(worlds.world(0).agent == 0);
  worlds.Step({kDown});  // into the wall: stays
  CHECK(worlds.world(0).agent == 0);
  const StepOutcome out = worlds.Step({kLeft}).front();
  CHECK(out.done);
  CHECK(out.timeout);
  CHECK_FALSE(worlds.world(0).success);
}

TEST_CASE("observations mark walls, landmarks, the agent and the landmarks reached",
          "[envs][landmarks]") {
  LandmarkWorlds worlds = Corridor();
  worlds.world(0).walls[24] = 1;
  worlds.world(0).progress = 1;
  std::vector<float> planes(static_cast<size_t>(worlds.ObservationSize()), -1);
  worlds.Observe(0, planes.data());
  REQUIRE(worlds.PlaneCount() == 6);
  auto at = [&](int plane, int cell) { return planes[static_cast<size_t>(plane * 25 + cell)]; };
  CHECK(at(0, 24) == 1);
  CHECK(at(1, 1) == 1);
  CHECK(at(2, 2) == 1);
  CHECK(at(3, 3) == 1);
  CHECK(at(4, 0) == 1);  // the agent
  CHECK(at(5, 1) == 1);  // colour 0, reached
  CHECK(at(5, 2) == 0);
  float total = 0;
  for (float v : planes) total += v;
  CHECK(total == 6);
}

TEST_CASE("landmark options that cannot make a task are refused", "[envs][landmarks]") {
  LandmarkOptions o;
  CHECK_NOTHROW(CheckLandmarkOptions(o, "c.yaml"));
  o.order = {0, 0};
  CHECK_THROWS_WITH(CheckLandmarkOptions(o, "c.yaml"),
                    Catch::Matchers::Contains("c.yaml: world.order"));
  o.order = {0};
  o.size = 3;  // 9 cells for 4 landmarks and the agent
  CHECK_THROWS_WITH(CheckLandmarkOptions(o, "c.yaml"), Catch::Matchers::Contains("world.size"));
  o.size = 5;
  o.wall_density = 0.95;  // no open region of 5 cells in 1000 draws
  CHECK_THROWS_WITH(CheckLandmarkOptions(o, "c.yaml"),
                    Catch::Matchers::Contains("c.yaml: world.wall_density"));
}

TEST_CASE("the agent-centred view puts the agent in the middle and the grid's edge in walls",
          "[envs][landmarks]") {
  LandmarkWorlds worlds = Corridor();  // agent at (0,0); colours 0, 1, 2 at x = 1, 2, 3 of row 0
  worlds.world(0).walls[6] = 1;        // (1,1)
  worlds.world(0).progress = 2;
  REQUIRE(worlds.ViewSide() == 9);
  REQUIRE(worlds.ViewPlaneCount() == 5);
  std::vector<float> view(static_cast<size_t>(worlds.ViewSize()), -1);
  worlds.ObserveAgentCentred(0, view.data());
  auto at = [&](int plane, int vx, int vy) {
    return view[static_cast<size_t>(plane * 81 + vy * 9 + vx)];
  };
  // The agent sits at view (4,4): grid (x,y) shows at (x + 4, y + 4).
  CHECK(at(0, 3, 4) == 1);  // left of the agent: off the grid, a wall
  CHECK(at(0, 4, 3) == 1);  // above: off the grid
  CHECK(at(0, 4, 4) == 0);  // the agent's own cell
  CHECK(at(0, 5, 5) == 1);  // the wall at (1,1)
  CHECK(at(0, 8, 8) == 0);  // grid (4,4), free
  CHECK(at(1, 5, 4) == 1);  // colour 0 at (1,0)
  CHECK(at(2, 6, 4) == 1);
  CHECK(at(3, 7, 4) == 1);
  CHECK(at(4, 5, 4) == 1);  // reached: colours 0 and 1
  CHECK(at(4, 6, 4) == 1);
  CHECK(at(4, 7, 4) == 0);
  // Moving the agent shifts the world, not the agent.
  worlds.world(0).agent = 12;  // (2,2)
  worlds.ObserveAgentCentred(0, view.data());
  CHECK(at(1, 3, 2) == 1);  // colour 0 at (1,0): one left, two up
  CHECK(at(0, 3, 3) == 1);  // the wall at (1,1)
  CHECK(at(0, 1, 1) == 1);  // grid (-1,-1): off the grid
}
