#include "paired/evaluation.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

#include "core/interrupt.h"
#include "core/seed_streams.h"
#include "distributed/collective.h"
#include "envs/level_batch.h"
#include "envs/level_text.h"
#include "envs/maze_catalog.h"
#include "envs/student_batch.h"
#include "report/progress.h"
#include "rl/categorical.h"

namespace advlab::paired {

int EvalStepLimit(const envs::Level& level) { return std::min(level.max_steps, kMaxEvalSteps); }

namespace {

// One rank's results as text: per maze its index, numbers, level and the
// first episode's trajectory.
std::string FormatResults(const std::vector<MazeResult>& results,
                          const std::vector<size_t>& indices) {
  std::ostringstream out;
  out.precision(17);
  out << results.size() << '\n';
  for (size_t i = 0; i < results.size(); ++i) {
    const MazeResult& r = results[i];
    const std::string level = envs::FormatLevel(r.level);
    out << indices[i] << ' ' << r.maze << '\n'
        << r.episodes << ' ' << r.solve_rate << ' ' << r.mean_return << ' ' << r.mean_steps << ' '
        << level.size() << '\n'
        << level << r.trajectory.size();
    for (const envs::Cell& c : r.trajectory) out << ' ' << c.x << ' ' << c.y;
    out << '\n';
  }
  return out.str();
}

void ParseResults(const std::string& text, int rank,
                  std::vector<std::pair<size_t, MazeResult>>* into) {
  std::istringstream in(text);
  size_t count = 0;
  in >> count;
  const std::string source = "evaluation results of rank " + std::to_string(rank);
  for (size_t i = 0; i < count; ++i) {
    size_t index = 0, level_size = 0, steps = 0;
    MazeResult r;
    in >> index >> r.maze >> r.episodes >> r.solve_rate >> r.mean_return >> r.mean_steps >>
        level_size;
    in.get();  // the newline before the level
    std::string level(level_size, '\0');
    in.read(level.data(), static_cast<std::streamsize>(level_size));
    r.level = envs::ParseLevel(level, source);
    in >> steps;
    r.trajectory.resize(steps);
    for (envs::Cell& c : r.trajectory) in >> c.x >> c.y;
    if (!in) throw std::runtime_error(source + " are cut short");
    into->emplace_back(index, std::move(r));
  }
}

}  // namespace

std::vector<int> ShareOut(const std::vector<double>& costs, int ranks) {
  std::vector<size_t> order(costs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return costs[a] > costs[b]; });
  std::vector<double> load(static_cast<size_t>(ranks), 0.0);
  std::vector<int> owner(costs.size(), 0);
  for (size_t i : order) {
    const size_t least =
        static_cast<size_t>(std::min_element(load.begin(), load.end()) - load.begin());
    owner[i] = static_cast<int>(least);
    load[least] += costs[i];
  }
  return owner;
}

std::vector<MazeResult> GatherResults(distributed::Collective& group,
                                      const std::vector<MazeResult>& mine,
                                      const std::vector<size_t>& indices) {
  std::vector<std::string> all = group.AllGather(FormatResults(mine, indices));
  std::vector<std::pair<size_t, MazeResult>> indexed;
  for (size_t rank = 0; rank < all.size(); ++rank) {
    ParseResults(all[rank], static_cast<int>(rank), &indexed);
  }
  std::stable_sort(indexed.begin(), indexed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<MazeResult> results;
  results.reserve(indexed.size());
  for (auto& [index, result] : indexed) results.push_back(std::move(result));
  return results;
}

std::vector<MazeResult> EvaluateZeroShot(StudentNet& net, const std::vector<std::string>& mazes,
                                         int episodes, uint64_t seed,
                                         const std::filesystem::path& maze_dir,
                                         distributed::Collective* group) {
  torch::NoGradGuard no_grad;
  net->eval();
  const torch::Device device = net->parameters().front().device();
  std::vector<MazeResult> results;
  std::vector<size_t> indices;  // of the mazes in `results`
  bool interrupted = false;
  std::vector<int> owner;
  if (group) {
    // A maze's cost is about its step limit (most episodes of a weak agent
    // run to it): longest first, each to the least loaded rank. The same
    // sums on every rank, so the same sharing.
    std::vector<double> costs;
    for (const std::string& maze : mazes) {
      std::mt19937_64 probe(0);
      costs.push_back(EvalStepLimit(envs::LoadMaze(maze, maze_dir, probe)));
    }
    owner = ShareOut(costs, group->size());
  }
  report::Progress progress("eval", static_cast<long>(mazes.size()));
  for (size_t m = 0; m < mazes.size() && !interrupted; ++m) {
    // Each maze's streams depend only on its index, so whichever rank plays
    // it, the results are those of one process.
    if (group && owner[m] != group->rank()) continue;
    // Each maze gets its own streams, so adding a maze changes no other result.
    std::mt19937_64 level_rng(StreamSeed(seed, "eval_levels", m));
    at::Generator sampler =
        at::make_generator<at::CPUGeneratorImpl>(StreamSeed(seed, "eval_actions", m));
    std::vector<envs::Level> instances;
    for (int e = 0; e < episodes; ++e) {
      instances.push_back(envs::LoadMaze(mazes[m], maze_dir, level_rng));
      instances.back().max_steps = EvalStepLimit(instances.back());
    }
    const int width = instances[0].width, height = instances[0].height;
    envs::LevelBatch levels(episodes, width, height);
    for (int e = 0; e < episodes; ++e) levels.Set(e, instances[e]);

    std::vector<float> observations(static_cast<size_t>(episodes) * envs::kViewFloats),
        rewards(episodes), returns(episodes);
    std::vector<int32_t> directions(episodes), lengths(episodes), actions(episodes);
    std::vector<uint8_t> dones(episodes), finished(episodes, 0);
    envs::StudentBatch worlds(&levels, {observations.data(), directions.data(), rewards.data(),
                                        dones.data(), returns.data(), lengths.data()});
    worlds.ResetAll();
    MazeResult result;
    result.maze = mazes[m];
    result.episodes = episodes;
    result.level = instances[0];
    result.trajectory.push_back(worlds.position(0));
    RecurrentState state = net->InitialState(episodes).To(device);
    torch::Tensor starts = torch::ones({episodes});
    int remaining = episodes;
    double solved = 0, total_return = 0, total_steps = 0;
    while (remaining > 0) {
      if (core::InterruptRequested()) {
        interrupted = true;
        break;
      }
      torch::Tensor view =
          torch::from_blob(observations.data(), {episodes, 3, envs::kViewSize, envs::kViewSize});
      torch::Tensor direction =
          torch::from_blob(directions.data(), {episodes}, torch::kInt).to(torch::kLong);
      PolicyOutput out = net->Step(view.to(device), direction.to(device), state, starts.to(device));
      state = out.state;
      torch::Tensor chosen = rl::SampleActions(out.logits.to(torch::kCPU), sampler);
      const int64_t* a = chosen.data_ptr<int64_t>();
      std::copy(a, a + episodes, actions.begin());
      worlds.Step(actions.data());
      if (!finished[0]) {
        // On the final step the world has already reset: record the goal
        // the agent entered, or nothing for a timeout.
        if (!dones[0]) {
          result.trajectory.push_back(worlds.position(0));
        } else if (rewards[0] > 0) {
          result.trajectory.push_back(result.level.goal);
        }
      }
      float* start_row = starts.data_ptr<float>();
      for (int e = 0; e < episodes; ++e) {
        start_row[e] = dones[e];
        if (!dones[e] || finished[e]) continue;
        finished[e] = 1;
        --remaining;
        solved += returns[e] > 0;
        total_return += returns[e];
        total_steps += lengths[e];
      }
    }
    if (interrupted) break;
    result.solve_rate = solved / episodes;
    result.mean_return = total_return / episodes;
    result.mean_steps = total_steps / episodes;
    results.push_back(std::move(result));
    indices.push_back(m);
    progress.Advance();
  }
  progress.Finish();
  return group ? GatherResults(*group, results, indices) : results;
}

}  // namespace advlab::paired
