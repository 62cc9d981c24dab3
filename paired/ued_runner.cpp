#include "paired/ued_runner.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <limits>
#include <map>
#include <string>
#include <thread>

#include "core/seed_streams.h"
#include "envs/generators.h"
#include "envs/level_metrics.h"
#include "paired/level_editor.h"

namespace advlab::paired {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A level as the worlds hold it (LevelBatch keeps no name or goal candidates).
envs::Level AsPlayed(envs::Level level) {
  level.name.clear();
  level.goal_candidates.clear();
  return level;
}

// Drawn for every world on every rank: the stream is one process's.
std::vector<envs::Level> RandomLevels(int count, const LevelSettings& settings,
                                      std::mt19937_64& rng) {
  envs::DomainRandomizationSettings dr;
  dr.size = settings.size;
  dr.walls = settings.walls;
  dr.uniform_walls = settings.uniform_walls;
  dr.max_steps = settings.max_steps;
  std::vector<envs::Level> levels(count);
  for (envs::Level& level : levels) level = AsPlayed(envs::DomainRandomization(dr, rng));
  return levels;
}

std::vector<envs::Level> LevelsOf(const envs::LevelBatch& batch) {
  std::vector<envs::Level> levels(batch.count());
  for (int i = 0; i < batch.count(); ++i) levels[i] = batch.Get(i);
  return levels;
}

BatchComplexity Complexity(const std::vector<envs::Level>& levels, const LevelReturns& solved_by) {
  BatchComplexity c;
  double path = 0, solved_path = 0;
  int passable = 0, solved = 0;
  for (size_t i = 0; i < levels.size(); ++i) {
    envs::LevelMetrics m = envs::ComputeMetrics(levels[i]);
    c.walls += m.walls;
    if (m.passable) {
      ++passable;
      path += m.shortest_path;
    }
    if (solved_by.solved[i] > 0) {
      ++solved;
      solved_path += m.shortest_path;
    }
  }
  const double n = static_cast<double>(levels.size());
  c.walls /= n;
  c.passable = passable / n;
  c.shortest_path = passable ? path / passable : kNaN;
  c.solved_path = solved ? solved_path / solved : kNaN;
  return c;
}

}  // namespace

UedRunner::UedRunner(const TrainOptions& options, torch::Device device,
                     distributed::Collective* group)
    : options_(options),
      method_(options.method),
      score_function_(ScoreFunctionFromName(options.score_function)),
      device_(device),
      ranks_(group, options.ppo.worlds),
      design_levels_(static_cast<int>(ranks_.shard().count), options.levels.size,
                     options.levels.size),
      protagonist_levels_(static_cast<int>(ranks_.shard().count), options.levels.size,
                          options.levels.size),
      antagonist_levels_(static_cast<int>(ranks_.shard().count), options.levels.size,
                         options.levels.size),
      level_rng_(StreamSeed(options.seed, "levels")),
      replay_rng_(StreamSeed(options.seed, "replay")),
      editor_rng_(StreamSeed(options.seed, "editor")) {
  // The global generator initialises the weights (protagonist, antagonist,
  // teacher, in that order); everything after uses each learner's own.
  torch::manual_seed(StreamSeed(options.seed, "init"));
  protagonist_ = std::make_unique<StudentAgent>(&protagonist_levels_, options.student, options.ppo,
                                                StreamSeed(options.seed, "protagonist"), device,
                                                ranks_.Parallel());
  ranks_.Broadcast(protagonist_->net()->parameters());
  if (UsesAntagonist(method_)) {
    antagonist_ = std::make_unique<StudentAgent>(&antagonist_levels_, options.student, options.ppo,
                                                 StreamSeed(options.seed, "antagonist"), device,
                                                 ranks_.Parallel());
    ranks_.Broadcast(antagonist_->net()->parameters());
  }
  if (UsesTeacher(method_)) {
    teacher_ = std::make_unique<TeacherAgent>(
        &design_levels_, options.teacher_net, options.teacher_world, options.teacher_ppo,
        StreamSeed(options.seed, "teacher"), device, ranks_.Parallel());
    ranks_.Broadcast(teacher_->net()->parameters());
  }
  if (UsesLevelReplay(method_)) {
    protagonist_buffer_ = std::make_unique<LevelBuffer>(options.replay);
    if (antagonist_) antagonist_buffer_ = std::make_unique<LevelBuffer>(options.replay);
  }
}

LevelReturns UedRunner::RandomBaseline() {
  std::mt19937_64 rng(StreamSeed(options_.seed, "baseline"));
  SetMine(protagonist_levels_, RandomLevels(options_.ppo.worlds, options_.levels, rng));
  LevelReturns random = ranks_.Gather(protagonist_->Collect(/*uniform=*/true));
  // Sampling advanced the generator; restart it so fresh and resumed runs
  // share one stream from update 0.
  protagonist_->generator().set_current_seed(StreamSeed(options_.seed, "protagonist"));
  return random;
}

template <typename Result, typename Work>
std::pair<Result, Result> UedRunner::BothStudents(Work work) {
  // The two are independent given their levels, and each has its own
  // generator, so the numbers do not depend on the scheduling. Ranks issue
  // their collectives in one order, so with several the two take turns.
  if (!antagonist_) return {work(*protagonist_), Result{}};
  if (!options_.concurrent_students || ranks_.size() > 1) {
    return {work(*protagonist_), work(*antagonist_)};
  }
  auto antagonist = std::async(std::launch::async, [&] { return work(*antagonist_); });
  Result protagonist = work(*protagonist_);
  return {protagonist, antagonist.get()};
}

// The teacher's design and update run while both students wait, so they get
// the cores the two students use together (measured at the reference sizes
// on 2 cores: the teacher's update 3.1 s with one thread, 1.6 s with two;
// the students' updates 1.5 s concurrent with one thread each, 3.1 s with
// two each).
int UedRunner::TeacherThreads() const {
  const bool concurrent = antagonist_ && options_.concurrent_students && ranks_.size() == 1;
  return std::max(1, at::get_num_threads()) * (concurrent ? 2 : 1);
}

namespace {

// LibTorch's intra-op threads for one scope, restored after it.
class IntraOpThreads {
 public:
  explicit IntraOpThreads(int threads) : previous_(at::get_num_threads()) {
    if (threads != previous_) at::set_num_threads(threads);
  }
  ~IntraOpThreads() {
    if (at::get_num_threads() != previous_) at::set_num_threads(previous_);
  }
  IntraOpThreads(const IntraOpThreads&) = delete;
  IntraOpThreads& operator=(const IntraOpThreads&) = delete;

 private:
  int previous_;
};

}  // namespace

std::vector<envs::Level> UedRunner::MakeNewLevels() {
  if (!teacher_) return RandomLevels(options_.ppo.worlds, options_.levels, level_rng_);
  {
    IntraOpThreads threads(TeacherThreads());
    teacher_->Design();
  }
  return ranks_.Gather(LevelsOf(design_levels_));
}

void UedRunner::SetMine(envs::LevelBatch& levels, const std::vector<envs::Level>& all) const {
  const rl::WorldShard& shard = ranks_.shard();
  for (int64_t i = shard.begin; i < shard.end(); ++i) {
    levels.Set(static_cast<int>(i - shard.begin), all[static_cast<size_t>(i)]);
  }
}

std::vector<envs::Level> UedRunner::DrawReplayLevels(LevelBuffer& buffer, envs::LevelBatch& levels,
                                                     std::vector<int>& slots) {
  const int n = options_.ppo.worlds;
  slots.resize(n);
  std::vector<envs::Level> drawn(n);
  for (int i = 0; i < n; ++i) {
    slots[i] = buffer.Sample(replay_rng_);
    drawn[i] = AsPlayed(buffer.at(slots[i]).level);
  }
  SetMine(levels, drawn);
  return drawn;
}

int UedRunner::Curate(LevelBuffer& buffer, const StudentAgent& student,
                      const std::vector<envs::Level>& played, const LevelReturns& returns,
                      const std::vector<int>* replayed_slots, const std::vector<int>& generations) {
  const int n = static_cast<int>(played.size());
  std::vector<std::string> keys(n);
  // G* per level before scoring: the slot's stored value (a "new" level that
  // is already buffered keeps its own, as dcd keys levels by content) and the
  // best return any world completed on the same level in this rollout.
  std::map<std::string, double> best;
  for (int i = 0; i < n; ++i) {
    keys[i] = LevelKey(played[i]);
    const int slot = replayed_slots ? (*replayed_slots)[i] : buffer.Find(played[i]);
    double g = slot >= 0 ? buffer.at(slot).max_return : -std::numeric_limits<double>::infinity();
    if (returns.episodes[i] > 0) g = std::max(g, returns.max_return[i]);
    auto [it, inserted] = best.emplace(keys[i], g);
    if (!inserted) it->second = std::max(it->second, g);
  }
  std::vector<double> stored(n);
  for (int i = 0; i < n; ++i) stored[i] = best[keys[i]];
  // Each rank scores its worlds' episodes; every rank curates them all alike.
  const std::vector<double> mine = ranks_.Mine(stored);
  const std::vector<ReplayScore> scores =
      ranks_.Gather(student.Score(score_function_, mine.data(), !options_.ppo.handle_timelimits));
  int admitted = 0;
  for (int i = 0; i < n; ++i) {
    const ReplayScore& score = scores[i];
    if (!score.scored) continue;
    if (replayed_slots) {
      buffer.Rescore((*replayed_slots)[i], score.score, score.max_return);
      continue;
    }
    // The first completed episode decides admission; the slot then keeps the
    // last one's score, as if the later episodes had updated it (dcd).
    bool inserted = false;
    const int slot =
        buffer.Offer(played[i], score.first_score, score.max_return, generations[i], &inserted);
    if (slot < 0) continue;
    buffer.Rescore(slot, score.score, score.max_return);
    admitted += inserted;
  }
  return admitted;
}

void UedRunner::Edit(IterationResult& result) {
  const int n = options_.ppo.worlds;
  const std::vector<int> parents =
      ChooseEditParents(result.protagonist.mean_return,
                        ranks_.Gather(protagonist_->MeanAbsAdvantage()), options_.editor.parents);
  std::vector<int> generations(n);
  std::vector<envs::Level> children(n);
  for (int i = 0; i < n; ++i) {
    // Parent k's copies are children k, k + parents, ...: each parent is
    // edited worlds / parents times.
    const int parent = parents[i % parents.size()];
    children[i] = AsPlayed(EditLevel(played_[parent], options_.editor.num_edits, editor_rng_));
    generations[i] = protagonist_buffer_->at(protagonist_slots_[parent]).generation + 1;
  }
  SetMine(protagonist_levels_, children);
  // The children are evaluated like new levels: a rollout without learning.
  LevelReturns played = ranks_.Gather(protagonist_->Collect());
  env_steps_ += static_cast<int64_t>(n) * options_.ppo.steps;
  result.env_steps += static_cast<int64_t>(n) * options_.ppo.steps;
  result.edited = n;
  result.children_solved_rate = played.SolvedRate();
  result.admitted +=
      Curate(*protagonist_buffer_, *protagonist_, children, played, nullptr, generations);
}

IterationResult UedRunner::Iterate() {
  const auto t0 = std::chrono::steady_clock::now();
  auto lap = [last = t0]() mutable {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last).count();
    last = now;
    return seconds;
  };
  IterationResult result;
  result.update = next_update_;
  const int n = options_.ppo.worlds;
  // 1. Levels.
  // One decision per iteration, the protagonist buffer's (REPAIRED: and only
  // once the antagonist has a level to draw too).
  result.replay = protagonist_buffer_ && protagonist_buffer_->DecideReplay(replay_rng_) &&
                  !(antagonist_buffer_ && antagonist_buffer_->empty());
  if (result.replay) {
    played_ = DrawReplayLevels(*protagonist_buffer_, protagonist_levels_, protagonist_slots_);
    if (antagonist_buffer_) {
      antagonist_played_ =
          DrawReplayLevels(*antagonist_buffer_, antagonist_levels_, antagonist_slots_);
    }
    ++replay_iterations_;
  } else {
    played_ = MakeNewLevels();
    antagonist_played_ = played_;
    SetMine(protagonist_levels_, played_);
    if (antagonist_) SetMine(antagonist_levels_, played_);
  }
  result.phases.levels = lap();
  // 2-3. Both students play; per-level statistics of every rank's worlds.
  auto [p_mine, a_mine] = BothStudents<LevelReturns>([](StudentAgent& s) { return s.Collect(); });
  const LevelReturns p = ranks_.Gather(p_mine);
  const LevelReturns a = antagonist_ ? ranks_.Gather(a_mine) : LevelReturns{};
  result.phases.rollouts = lap();
  result.protagonist = p;
  result.antagonist = a;
  result.env_steps = static_cast<int64_t>(n) * options_.ppo.steps;
  env_steps_ += result.env_steps;
  played_returns_ = p;
  result.levels = Complexity(played_, p);

  // 4. The teacher learns from the levels it designed.
  if (teacher_ && !result.replay) {
    std::vector<double> rewards(n);
    double reward_sum = 0, regret_sum = 0;
    for (int i = 0; i < n; ++i) {
      LevelScore pro{p.mean_return[i], p.max_return[i]};
      LevelScore ant = antagonist_ ? LevelScore{a.mean_return[i], a.max_return[i]} : LevelScore{};
      rewards[i] =
          TeacherReward(method_, pro, ant, options_.clip_regret, options_.minimax_uses_max);
      reward_sum += rewards[i];
      // Logged unclipped, whatever the teacher is paid: A_max - P_mean.
      regret_sum += TeacherReward(UedMethod::kPaired, pro, ant, /*clip_at_zero=*/false);
    }
    lap();
    {
      IntraOpThreads threads(TeacherThreads());
      result.teacher_ppo = teacher_->Update(ranks_.Mine(rewards));
    }
    result.phases.teacher_update = lap();
    result.teacher_learned = true;
    result.teacher_reward = reward_sum / n;
    result.regret = antagonist_ ? regret_sum / n : kNaN;
  } else {
    result.teacher_reward = result.regret = kNaN;
  }

  // 5. Curate before learning: the scores come from this rollout's values.
  const std::vector<int> new_generations(n, 0);
  if (protagonist_buffer_) {
    result.admitted += Curate(*protagonist_buffer_, *protagonist_, played_, p,
                              result.replay ? &protagonist_slots_ : nullptr, new_generations);
  }
  if (antagonist_buffer_) {
    Curate(*antagonist_buffer_, *antagonist_, antagonist_played_, a,
           result.replay ? &antagonist_slots_ : nullptr, new_generations);
  }

  // Students learn (PLR-perp: from replayed levels only).
  lap();
  if (result.replay || !TrainsOnlyOnReplay(method_)) {
    auto [ps, as] = BothStudents<rl::PpoStats>([](StudentAgent& s) { return s.Update(); });
    result.protagonist_ppo = ps;
    result.antagonist_ppo = as;
    result.students_learned = true;
    ++student_updates_;
  }

  // 6. ACCEL edits the replayed levels (their rollout is still in storage).
  if (method_ == UedMethod::kAccel && result.replay &&
      std::uniform_real_distribution<double>(0, 1)(editor_rng_) < options_.editor.editor_prob) {
    Edit(result);
  }
  result.phases.student_updates = lap();
  if (protagonist_buffer_) result.buffer = protagonist_buffer_->Stats();
  ++next_update_;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace advlab::paired
