#pragma once
// Prioritized level replay's level buffer (Jiang et al. 2021; reference
// ued_replay.md section 2, dcd's level_sampler.py): levels with their
// learning-potential scores, sampled by rank and by staleness.
//
//   replay probability  P = (1 - rho_c) P_S + rho_c P_C
//     P_S  score transform over the stored levels:
//          rank      (1 / rank)^(1 / beta), rank 1 = highest score (ties by slot)
//          power     (max(S, 0) + eps)^(1 / beta), eps = 0 when rho_c > 0, else 1e-3
//          softmax   exp(S / beta)
//     P_C  staleness c_i^(1 / staleness_temperature): every replay draw adds 1 to
//          every c_i and sets the drawn level's to 0
//   replay decision     one per iteration: fill >= min_fill and
//                       U < min(fill, replay_prob) (dcd "proportionate") or
//                       U < replay_prob ("fixed")
//   admission           a new level (scored first) takes a free slot; when full it
//                       replaces the level with the smallest P iff its score is
//                       at least that level's; identical levels share one slot
//
// Torch-free; serialised as text into checkpoints so that --resume is exact.
#include <cstdint>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "envs/level.h"

namespace advlab::paired {

struct LevelBufferSettings {
  int capacity = 4000;
  std::string score_transform = "rank";  // rank | power | softmax
  double temperature = 0.1;              // beta
  double staleness_coef = 0.3;           // rho_c
  double staleness_temperature = 1.0;
  double replay_prob = 0.5;                       // p
  double min_fill = 0.5;                          // rho: no replay below this fill
  std::string replay_schedule = "proportionate";  // proportionate | fixed
};

struct BufferedLevel {
  envs::Level level;
  double score = 0;
  double max_return = 0;  // G*: the best return seen on the level
  int64_t staleness = 0;
  int generation = 0;  // ACCEL edits since a generated level
  // Complexity, computed once on admission (walls, passable, shortest path).
  int walls = 0, shortest_path = 0;
  bool passable = false;
};

struct LevelBufferStats {
  int size = 0;
  double mean_score = 0, max_score = 0, mean_staleness = 0;
  double passable_mass = 0;                           // sum of P over levels with a start-goal path
  double weighted_generation = 0;                     // sum of P * generation
  double walls = 0, passable = 0, shortest_path = 0;  // means (path over passable levels)
};

class LevelBuffer {
 public:
  explicit LevelBuffer(LevelBufferSettings settings);

  int size() const { return static_cast<int>(slots_.size()); }
  double fill() const { return static_cast<double>(slots_.size()) / settings_.capacity; }
  const BufferedLevel& at(int slot) const { return slots_.at(slot); }
  const LevelBufferSettings& settings() const { return settings_; }

  bool DecideReplay(std::mt19937_64& rng) const;
  bool empty() const { return slots_.empty(); }
  std::vector<double> ReplayProbabilities() const;
  // Draws one level by P and ages the buffer.
  int Sample(std::mt19937_64& rng);
  int Find(const envs::Level& level) const;  // -1 when absent
  // A newly generated (or edited) level: returns its slot, or -1 when
  // rejected (score too low, or not finite). A level already stored is
  // rescored in place; `inserted` says whether the level is new to the buffer.
  int Offer(const envs::Level& level, double score, double max_return, int generation,
            bool* inserted = nullptr);
  void Rescore(int slot, double score, double max_return);
  LevelBufferStats Stats() const;

  std::string Serialize() const;
  // Throws std::runtime_error describing what is malformed.
  void Deserialize(const std::string& text);

 private:
  void Store(int slot, const envs::Level& level, double score, double max_return, int generation);
  std::vector<double> ScoreWeights() const;

  LevelBufferSettings settings_;
  std::vector<BufferedLevel> slots_;
  std::unordered_map<std::string, int> slot_of_;  // level encoding -> slot
};

// The identity of a level for the buffer: walls, agent, direction, goal, max steps.
std::string LevelKey(const envs::Level& level);

}  // namespace advlab::paired
