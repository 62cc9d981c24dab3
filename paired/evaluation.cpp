#include "paired/evaluation.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/interrupt.h"
#include "core/seed_streams.h"
#include "envs/level_batch.h"
#include "envs/maze_catalog.h"
#include "envs/student_batch.h"
#include "report/progress.h"
#include "rl/categorical.h"

namespace advlab::paired {

int EvalStepLimit(const envs::Level& level) { return std::min(level.max_steps, kMaxEvalSteps); }

std::vector<MazeResult> EvaluateZeroShot(StudentNet& net, const std::vector<std::string>& mazes,
                                         int episodes, uint64_t seed,
                                         const std::filesystem::path& maze_dir) {
  torch::NoGradGuard no_grad;
  net->eval();
  const torch::Device device = net->parameters().front().device();
  std::vector<MazeResult> results;
  report::Progress progress("eval", static_cast<long>(mazes.size()));
  for (size_t m = 0; m < mazes.size(); ++m) {
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
      if (core::InterruptRequested()) return results;
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
    result.solve_rate = solved / episodes;
    result.mean_return = total_return / episodes;
    result.mean_steps = total_steps / episodes;
    results.push_back(std::move(result));
    progress.Advance();
  }
  progress.Finish();
  return results;
}

}  // namespace advlab::paired
