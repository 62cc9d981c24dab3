// Benchmark of the worlds: maze student steps per second with uniformly
// random actions (observations written every step) for B in {1, 32, 1024}
// on 1 and 2 threads, teacher (level-building) steps per second, and steps of
// the Game-of-Life side-effects world (26x26 torus, SafeLife's benchmark
// size, with a 15x15 observation written every step).
//
//   envs_bench [--seconds S]     (time per measurement, default 1.5)
#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

#include "envs/generators.h"
#include "envs/life_batch.h"
#include "envs/side_effect_score.h"
#include "envs/student_batch.h"
#include "envs/teacher_batch.h"

namespace {

using namespace advlab::envs;
using Clock = std::chrono::steady_clock;

// xorshift32: cheap enough that action generation does not dominate.
struct Random {
  uint32_t state;
  uint32_t Next() {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  }
};

double StudentStepsPerSecond(int count, double seconds) {
  LevelBatch levels(count, 15, 15);
  std::mt19937_64 rng(1);
  for (int i = 0; i < count; ++i) levels.Set(i, MakeGenerated("dr", rng, 25));
  std::vector<float> observations(static_cast<size_t>(count) * kViewFloats), rewards(count);
  std::vector<int32_t> directions(count), actions(count);
  std::vector<uint8_t> dones(count);
  StudentBatch batch(&levels,
                     {observations.data(), directions.data(), rewards.data(), dones.data()});
  batch.ResetAll();
  Random random{12345};
  long steps = 0;
  auto start = Clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (int repeat = 0; repeat < 64; ++repeat) {
      for (int32_t& a : actions) a = static_cast<int32_t>(random.Next() % 3);
      batch.Step(actions.data());
      steps += count;
    }
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  }
  return steps / elapsed;
}

double TeacherStepsPerSecond(int count, double seconds) {
  LevelBatch levels(count, 15, 15);
  TeacherSettings settings;  // 50 walls, 50-dim noise
  std::vector<float> images(static_cast<size_t>(count) * 3 * 15 * 15);
  std::vector<float> noise(static_cast<size_t>(count) * settings.noise_dim);
  std::vector<int32_t> time_steps(count), actions(count);
  TeacherBatch batch(&levels, settings, {images.data(), time_steps.data(), noise.data()}, 1);
  Random random{777};
  long steps = 0;
  auto start = Clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    batch.Reset();
    while (!batch.Done()) {
      for (int32_t& a : actions) a = static_cast<int32_t>(random.Next() % 169);
      batch.Step(actions.data());
      steps += count;
    }
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  }
  return steps / elapsed;
}

// A 26x26 board: a wall ring, a fifth of the inside green life (it settles
// into still lifes and oscillators), the agent in the middle, the exit.
advlab::envs::life::LifeLevel RandomLifeLevel() {
  namespace life = advlab::envs::life;
  life::LifeLevel level;
  level.board = life::Board(26, 26);
  Random random{99};
  for (int y = 0; y < 26; ++y) {
    for (int x = 0; x < 26; ++x) {
      const bool ring = x == 0 || y == 0 || x == 25 || y == 25;
      level.board.at(x, y) = ring                     ? life::kWall
                             : random.Next() % 5 == 0 ? life::kGreenLife
                                                      : life::kEmpty;
    }
  }
  level.board.at(13, 13) = life::kAgent;
  level.agent_x = level.agent_y = 13;
  level.board.at(24, 24) = life::kExit;
  return level;
}

double LifeStepsPerSecond(int count, double seconds) {
  namespace life = advlab::envs::life;
  const life::LifeLevel level = RandomLifeLevel();
  life::LifeBatch batch(count);
  for (int i = 0; i < count; ++i) batch.Reset(i, level);
  std::vector<float> observations(static_cast<size_t>(count) * life::kPlanes * 15 * 15),
      rewards(count);
  std::vector<int32_t> actions(count);
  std::vector<uint8_t> dones(count);
  Random random{4242};
  long steps = 0;
  auto start = Clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (int repeat = 0; repeat < 16; ++repeat) {
      for (int32_t& a : actions) a = static_cast<int32_t>(random.Next() % life::kActions);
      batch.Step(actions.data(), rewards.data(), dones.data());
      batch.Observe(15, observations.data());
      steps += count;
    }
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  }
  return steps / elapsed;
}

// Milliseconds to score one episode: 1,000 random steps on the 26x26 level,
// then SafeLife's measurement (the counterfactual's 1,000 generations, two
// 1,000-generation occupancy windows, three EMDs).
double SideEffectMilliseconds() {
  namespace life = advlab::envs::life;
  const life::LifeLevel level = RandomLifeLevel();
  life::LifeBatch batch(1);
  batch.Reset(0, level);
  Random random{7};
  float reward = 0;
  uint8_t done = 0;
  while (!done) {
    const int32_t a = static_cast<int32_t>(random.Next() % life::kActions);
    batch.Step(&a, &reward, &done);
  }
  const life::LifeEpisode& e = batch.last_episode(0);
  const auto start = Clock::now();
  const life::SideEffects effects = life::MeasureSideEffects(e.start, e.final_board, e.length);
  const double ms = 1e3 * std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("side-effect score of a random episode: %.3f (green EMD %.2f of %.1f cells)\n",
              effects.score, effects.green, effects.green_counterfactual);
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 1.5;
  for (int i = 1; i + 1 < argc; ++i) {
    if (!std::strcmp(argv[i], "--seconds")) seconds = std::atof(argv[i + 1]);
  }
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::printf("envs_bench: %u cores; 15x15 domain-randomized levels (25 walls), random actions\n",
              cores);
  std::printf("%-28s %8s %16s\n", "world", "threads", "steps/s");
  for (int threads : {1, 2}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    for (int count : {1, 32, 1024}) {
      char label[64];
      std::snprintf(label, sizeof(label), "student B=%d", count);
      std::printf("%-28s %8d %16.3e\n", label, threads, StudentStepsPerSecond(count, seconds));
    }
    for (int count : {32, 1024}) {
      char label[64];
      std::snprintf(label, sizeof(label), "teacher B=%d (50 walls)", count);
      std::printf("%-28s %8d %16.3e\n", label, threads, TeacherStepsPerSecond(count, seconds));
    }
    for (int count : {1, 32, 1024}) {
      char label[64];
      std::snprintf(label, sizeof(label), "life 26x26 B=%d", count);
      std::printf("%-28s %8d %16.3e\n", label, threads, LifeStepsPerSecond(count, seconds));
    }
  }
  std::printf("side-effect score: %.1f ms per episode\n", SideEffectMilliseconds());
  return 0;
}
