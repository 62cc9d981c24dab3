#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <stdexcept>

#include "paired/level_buffer.h"

using namespace advlab;
using namespace advlab::paired;

namespace {

// Distinct levels: an empty 7x7 room with the goal at (k % 5 + 1, k / 5 + 1).
envs::Level Room(int k) {
  envs::Level level = envs::Level::Empty(7, 7);
  level.agent = {5, 5};
  level.goal = {k % 5 + 1, k / 5 + 1};
  return level;
}

LevelBufferSettings Settings(double temperature, double staleness_coef, int capacity = 10) {
  LevelBufferSettings s;
  s.capacity = capacity;
  s.temperature = temperature;
  s.staleness_coef = staleness_coef;
  return s;
}

}  // namespace

TEST_CASE("rank prioritisation matches hand-computed probabilities", "[level_buffer]") {
  LevelBuffer buffer(Settings(1.0, 0.0));
  buffer.Offer(Room(0), 0.5, 0, 0);
  buffer.Offer(Room(1), 0.9, 0, 0);
  buffer.Offer(Room(2), 0.1, 0, 0);
  // Ranks 2, 1, 3: weights 1/2, 1, 1/3, total 11/6.
  std::vector<double> p = buffer.ReplayProbabilities();
  CHECK(p[0] == Approx(3.0 / 11));
  CHECK(p[1] == Approx(6.0 / 11));
  CHECK(p[2] == Approx(2.0 / 11));
  // Temperature 0.5 squares the weights: 1/4, 1, 1/9, total 49/36.
  LevelBuffer sharp(Settings(0.5, 0.0));
  for (int k : {0, 1, 2}) sharp.Offer(Room(k), std::vector<double>{0.5, 0.9, 0.1}[k], 0, 0);
  p = sharp.ReplayProbabilities();
  CHECK(p[0] == Approx(9.0 / 49));
  CHECK(p[1] == Approx(36.0 / 49));
  CHECK(p[2] == Approx(4.0 / 49));
}

TEST_CASE("staleness mixing: every draw ages the others and refreshes the drawn level",
          "[level_buffer]") {
  LevelBuffer buffer(Settings(1.0, 0.3));
  buffer.Offer(Room(0), 0.5, 0, 0);
  buffer.Offer(Room(1), 0.9, 0, 0);
  buffer.Offer(Room(2), 0.1, 0, 0);
  // No staleness yet: P_C is uniform.
  std::vector<double> p = buffer.ReplayProbabilities();
  CHECK(p[1] == Approx(0.7 * 6.0 / 11 + 0.3 / 3));
  std::mt19937_64 rng(3);
  const int first = buffer.Sample(rng);
  for (int i = 0; i < 3; ++i) CHECK(buffer.at(i).staleness == (i == first ? 0 : 1));
  const int second = buffer.Sample(rng);
  for (int i = 0; i < 3; ++i) {
    const int64_t expected = i == second ? 0 : (i == first ? 1 : 2);
    CHECK(buffer.at(i).staleness == expected);
  }
  // P_C proportional to the staleness counts now.
  std::vector<int64_t> c = {buffer.at(0).staleness, buffer.at(1).staleness, buffer.at(2).staleness};
  const double total = static_cast<double>(c[0] + c[1] + c[2]);
  const std::vector<double> rank = {3.0 / 11, 6.0 / 11, 2.0 / 11};
  p = buffer.ReplayProbabilities();
  for (int i = 0; i < 3; ++i) CHECK(p[i] == Approx(0.7 * rank[i] + 0.3 * c[i] / total));
}

TEST_CASE("draws follow the replay distribution", "[level_buffer]") {
  LevelBuffer buffer(Settings(1.0, 0.0));
  buffer.Offer(Room(0), 0.5, 0, 0);
  buffer.Offer(Room(1), 0.9, 0, 0);
  buffer.Offer(Room(2), 0.1, 0, 0);
  std::mt19937_64 rng(1);
  std::vector<int> counts(3, 0);
  const int draws = 20000;
  for (int i = 0; i < draws; ++i) ++counts[buffer.Sample(rng)];
  CHECK(counts[1] / double(draws) == Approx(6.0 / 11).margin(0.015));
  CHECK(counts[2] / double(draws) == Approx(2.0 / 11).margin(0.015));
}

TEST_CASE("replay starts at min_fill, with probability min(fill, p)", "[level_buffer]") {
  LevelBufferSettings s = Settings(1.0, 0.3, 10);
  s.min_fill = 0.5;
  s.replay_prob = 0.9;
  LevelBuffer buffer(s);
  std::mt19937_64 rng(7);
  for (int k = 0; k < 4; ++k) buffer.Offer(Room(k), 0.1 * k, 0, 0);
  for (int i = 0; i < 100; ++i) CHECK_FALSE(buffer.DecideReplay(rng));  // fill 0.4 < 0.5
  for (int k = 4; k < 6; ++k) buffer.Offer(Room(k), 0.1 * k, 0, 0);
  int replays = 0;
  for (int i = 0; i < 20000; ++i) replays += buffer.DecideReplay(rng);
  CHECK(replays / 20000.0 == Approx(0.6).margin(0.015));  // min(0.6, 0.9)
}

TEST_CASE("admission: free slots first, then replace the least likely level if not worse",
          "[level_buffer]") {
  LevelBuffer buffer(Settings(1.0, 0.0, 2));
  CHECK(buffer.Offer(Room(0), 0.5, 0.7, 0) == 0);
  CHECK(buffer.Offer(Room(1), 0.2, 0.3, 1) == 1);
  CHECK(buffer.Offer(Room(2), 0.1, 0, 0) == -1);  // below the candidate's 0.2
  CHECK(buffer.Offer(Room(3), NAN, 0, 0) == -1);  // never a non-finite score
  std::mt19937_64 rng(0);
  buffer.Sample(rng);  // age the levels
  CHECK(buffer.Offer(Room(4), 0.3, 0.4, 2) == 1);
  const BufferedLevel& b = buffer.at(1);
  CHECK(b.level.goal == Room(4).goal);
  CHECK(b.score == 0.3);
  CHECK(b.max_return == 0.4);
  CHECK(b.staleness == 0);  // every per-slot field is reset
  CHECK(b.generation == 2);
  CHECK(buffer.Find(Room(1)) == -1);
  // The same level offered again is rescored in place, G* kept as a maximum.
  bool inserted = true;
  CHECK(buffer.Offer(Room(0), 0.05, 0.2, 0, &inserted) == 0);
  CHECK_FALSE(inserted);
  CHECK(buffer.size() == 2);
  CHECK(buffer.at(0).score == 0.05);
  CHECK(buffer.at(0).max_return == 0.7);
}

TEST_CASE("a buffer round-trips through its text form", "[level_buffer]") {
  LevelBuffer buffer(Settings(0.3, 0.3));
  for (int k = 0; k < 5; ++k) buffer.Offer(Room(k), 0.1 * k + 1.0 / 3, 0.2 * k, k);
  buffer.at(0);
  std::mt19937_64 rng(5);
  for (int i = 0; i < 7; ++i) buffer.Sample(rng);
  LevelBuffer copy(Settings(0.3, 0.3));
  copy.Deserialize(buffer.Serialize());
  REQUIRE(copy.size() == buffer.size());
  CHECK(copy.Serialize() == buffer.Serialize());
  CHECK(copy.ReplayProbabilities() == buffer.ReplayProbabilities());
  CHECK(copy.Find(Room(3)) == 3);
  CHECK(copy.Stats().passable == 1.0);

  CHECK_THROWS_AS(copy.Deserialize("level_buffer 1 1\n0.5 0 0 0 7 7 5 5 0 1 1 250 0101\n"),
                  std::runtime_error);
  CHECK_THROWS_AS(copy.Deserialize("garbage"), std::runtime_error);
  LevelBuffer small(Settings(0.3, 0.3, 2));
  CHECK_THROWS_AS(small.Deserialize(buffer.Serialize()), std::runtime_error);
}

TEST_CASE("tiny temperatures and large staleness never make a probability NaN", "[level_buffer]") {
  LevelBufferSettings s = Settings(1e-3, 0.3);
  s.score_transform = "power";
  s.staleness_temperature = 1e-3;
  LevelBuffer buffer(s);
  for (int k = 0; k < 4; ++k) buffer.Offer(Room(k), 5.0 + k, 0, 0);
  std::mt19937_64 rng(2);
  for (int i = 0; i < 3000; ++i) buffer.Sample(rng);  // staleness in the thousands
  double total = 0;
  for (double p : buffer.ReplayProbabilities()) {
    CHECK(std::isfinite(p));
    total += p;
  }
  CHECK(total == Approx(1.0));
}
