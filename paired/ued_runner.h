#pragma once
// One UED iteration as a callable unit, in the shape of minimax's runners.
// The training job, the benchmark and the tests all drive this class.
//
//   1. levels      replay decision (level_buffer.h); then either draw every
//                  world's level from the buffer, or make new ones: the teacher
//                  designs them (paired, flexible, minimax, repaired) or they are
//                  drawn at random (dr, plr, plr_perp, accel; levels.*)
//   2. collect     protagonist || antagonist play their levels for T steps
//                  (in turn under several ranks)
//   3. statistics  per-level episode returns (episode_stats.h) and scores
//                  (level_scores.h); the teacher's reward (regret.h) on new levels
//   4. learn       teacher PPO on new levels; students PPO unless the method
//                  trains only on replayed levels (PLR-perp) and these were new
//   5. curate      replayed levels are rescored, new ones offered to the buffer
//   6. edit        ACCEL, after a replay iteration: edit the chosen replayed
//                  levels, play the children without learning, score and offer
//
//   method     level source         buffer(s)               students learn on
//   dr         random               -                       every iteration
//   paired, flexible, minimax  teacher  -                   every iteration
//   plr        random               protagonist             every iteration
//   plr_perp   random               protagonist             replay only
//   accel      random (+ edits)     protagonist             replay only
//   repaired   teacher              one per student         replay only
//
// In REPAIRED each student draws from its own buffer and both score every
// teacher level; the replay decision is the protagonist buffer's, and the
// teacher learns only from new-level iterations (dcd also steps it on replay
// iterations with a stale design episode; see the README).
//
// Data-parallel (ued_ranks.h): each rank simulates its share of the worlds
// (students and teacher), PPO sums the gradients over ranks, and the
// per-level statistics are gathered, so every rank holds the levels and
// returns of all the worlds, the same buffers and the same generators, and
// computes what one process would. Only the rollouts and the PPO evaluation
// are split; the bookkeeping over levels is repeated on every rank.
#include <torch/torch.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <vector>

#include "envs/level_batch.h"
#include "paired/level_buffer.h"
#include "paired/level_scores.h"
#include "paired/regret.h"
#include "paired/student_agent.h"
#include "paired/teacher_agent.h"
#include "paired/train_options.h"
#include "paired/ued_ranks.h"

namespace advlab::paired {

// Complexity of a batch of levels (dcd's _get_env_stats_multigrid).
struct BatchComplexity {
  double walls = 0, passable = 0;
  double shortest_path = 0;  // over passable levels (NaN when none)
  double solved_path = 0;    // over levels the protagonist solved (NaN when none)
};

// Everything one iteration logs.
struct IterationResult {
  int update = 0;
  bool replay = false;
  LevelReturns protagonist, antagonist;  // antagonist empty without one
  rl::PpoStats protagonist_ppo, antagonist_ppo, teacher_ppo;
  bool students_learned = false, teacher_learned = false;
  double teacher_reward = 0, regret = 0;  // means over levels, new-level iterations with a teacher
  BatchComplexity levels;                 // the levels the students played
  int edited = 0;                         // ACCEL children played this iteration
  int admitted = 0;                       // new or edited levels that entered the buffer
  double children_solved_rate = 0;        // of the ACCEL children
  int64_t env_steps = 0;    // protagonist steps this iteration, edit rollouts included
  LevelBufferStats buffer;  // the protagonist's buffer after the iteration
  double seconds = 0;
  // Where the seconds went (ued_bench's per-phase table): the levels (the
  // teacher's design, replay draws), both students' rollouts, the teacher's
  // PPO update, both students' PPO updates (and ACCEL's edits). The rest of
  // `seconds` is bookkeeping: rewards, complexity, the buffers' curation.
  struct Phases {
    double levels = 0, rollouts = 0, teacher_update = 0, student_updates = 0;
  } phases;
};

class UedRunner {
 public:
  // `group` null: one process simulates every world.
  UedRunner(const TrainOptions& options, torch::Device device,
            distributed::Collective* group = nullptr);

  IterationResult Iterate();
  // A uniformly random policy on one batch of random levels from its own
  // stream; the training streams are untouched.
  LevelReturns RandomBaseline();

  // Checkpoints (ued_checkpoint.cpp): everything needed for an exact resume,
  // with any number of ranks. Every rank calls Save (the teacher's per-world
  // generators are gathered); rank 0 writes.
  void Save(const std::filesystem::path& path) const;
  void Load(const std::filesystem::path& path);

  UedMethod method() const { return method_; }
  StudentAgent& protagonist() { return *protagonist_; }
  bool has_antagonist() const { return antagonist_ != nullptr; }
  bool has_teacher() const { return teacher_ != nullptr; }
  const LevelBuffer* buffer() const { return protagonist_buffer_.get(); }
  // The levels the protagonist played in the last iteration (before edits).
  const std::vector<envs::Level>& played_levels() const { return played_; }
  const LevelReturns& played_returns() const { return played_returns_; }
  const UedRanks& ranks() const { return ranks_; }

  int next_update() const { return next_update_; }
  int64_t env_steps() const { return env_steps_; }
  int64_t student_updates() const { return student_updates_; }
  int64_t replay_iterations() const { return replay_iterations_; }

 private:
  // Every world's new level (all ranks' designs).
  std::vector<envs::Level> MakeNewLevels();
  // Every world's level drawn from `buffer`; this rank's go into `levels`.
  std::vector<envs::Level> DrawReplayLevels(LevelBuffer& buffer, envs::LevelBatch& levels,
                                            std::vector<int>& slots);
  // This rank's worlds of `all` into `levels`.
  void SetMine(envs::LevelBatch& levels, const std::vector<envs::Level>& all) const;
  // Scores the last rollout of `student` on every world's level `played`
  // (their statistics `returns`) and updates `buffer`: rescoring replayed
  // slots, or offering new levels. Returns how many levels were new to it.
  int Curate(LevelBuffer& buffer, const StudentAgent& student,
             const std::vector<envs::Level>& played, const LevelReturns& returns,
             const std::vector<int>* replayed_slots, const std::vector<int>& generations);
  void Edit(IterationResult& result);
  template <typename Result, typename Work>
  std::pair<Result, Result> BothStudents(Work work);
  int TeacherThreads() const;

  TrainOptions options_;
  UedMethod method_;
  ScoreFunction score_function_;
  torch::Device device_;
  UedRanks ranks_;
  // This rank's worlds. Each student plays its own batch (REPAIRED replays different levels for
  // the two); new levels are made in design_levels_ and copied to both.
  envs::LevelBatch design_levels_, protagonist_levels_, antagonist_levels_;
  std::unique_ptr<StudentAgent> protagonist_, antagonist_;
  std::unique_ptr<TeacherAgent> teacher_;
  std::unique_ptr<LevelBuffer> protagonist_buffer_, antagonist_buffer_;
  std::mt19937_64 level_rng_, replay_rng_, editor_rng_;
  std::vector<int> protagonist_slots_, antagonist_slots_;  // every world's
  std::vector<envs::Level> played_, antagonist_played_;    // every world's
  LevelReturns played_returns_;
  int next_update_ = 0;
  int64_t env_steps_ = 0, student_updates_ = 0, replay_iterations_ = 0;
};

}  // namespace advlab::paired
