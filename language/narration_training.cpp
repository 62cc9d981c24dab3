#include "language/narration_training.h"

#include <chrono>

#include "core/seed_streams.h"
#include "envs/landmark_world.h"
#include "language/narration_agent.h"
#include "language/narration_shaper.h"

namespace advlab::language {
namespace {

using envs::landmarks::LandmarkWorlds;

std::vector<int> ToInts(const torch::Tensor& actions) {
  const auto a = actions.accessor<int64_t, 1>();
  std::vector<int> ints(static_cast<size_t>(a.size(0)));
  for (int64_t i = 0; i < a.size(0); ++i) ints[static_cast<size_t>(i)] = static_cast<int>(a[i]);
  return ints;
}

void ObserveGrids(const LandmarkWorlds& worlds, torch::Tensor& planes) {
  const int64_t size = worlds.ObservationSize();
  float* data = planes.data_ptr<float>();
  for (int i = 0; i < worlds.batch(); ++i) worlds.Observe(i, data + i * size);
}

void ObserveViews(const LandmarkWorlds& worlds, torch::Tensor& views) {
  const int64_t size = worlds.ViewSize();
  float* data = views.data_ptr<float>();
  for (int i = 0; i < worlds.batch(); ++i) worlds.ObserveAgentCentred(i, data + i * size);
}

}  // namespace

ConditionResult TrainCondition(const NarrationOptions& options, const NarrationLanguage& language,
                               Shaping shaping, int seed_index, GroundingModel* grounding,
                               torch::Device device) {
  const auto started = std::chrono::steady_clock::now();
  const uint64_t seed = options.seed + static_cast<uint64_t>(seed_index);
  // The layouts and the policy's initial weights depend on the seed only, so
  // the conditions of one seed start from the same policy on the same worlds.
  const std::string stream = "narration_" + ShapingName(shaping);
  const int n = options.ppo.worlds, steps = options.ppo.steps;
  LandmarkWorlds worlds(options.world, n);
  const int64_t planes = worlds.ViewPlaneCount(), side = worlds.ViewSide();
  NarrationAgent agent(planes, side, options.agent_conv, options.agent_hidden, options.ppo,
                       StreamSeed(seed, "landmark_policy"), device);
  uint64_t episode = 0;
  const uint64_t layout_seed = StreamSeed(seed, "landmark_layouts");
  for (int i = 0; i < n; ++i) worlds.Reset(i, StreamSeed(layout_seed, "train", episode++));
  NarrationShaper shaper(options, language, shaping, grounding, StreamSeed(seed, stream), n);

  ConditionResult result;
  result.shaping = shaping;
  result.seed_index = seed_index;
  // The policy sees agent-centred views; the grounding model reads the
  // states it reached as the whole grid (its "image" of the state).
  torch::Tensor obs = torch::zeros({n, planes, side, side});
  torch::Tensor reached =
      torch::zeros({n, worlds.PlaneCount(), options.world.size, options.world.size});
  ObserveViews(worlds, obs);
  int64_t env_steps = 0;
  for (int update = 0; update < options.updates; ++update) {
    LandmarkRollout r;
    r.observations = torch::zeros({steps, n, planes, side, side});
    r.actions = torch::zeros({steps, n}, torch::kLong);
    r.log_probs = torch::zeros({steps, n});
    r.rewards = torch::zeros({steps, n});
    r.dones = torch::zeros({steps, n});
    r.timeouts = torch::zeros({steps, n});
    r.values = torch::zeros({steps + 1, n});
    UpdatePoint point;
    point.update = update + 1;
    int64_t paid_before = result.shaping_paid;
    for (int t = 0; t < steps; ++t) {
      r.observations[t].copy_(obs);
      auto [actions, log_probs, values] = agent.Act(obs);
      r.actions[t].copy_(actions);
      r.log_probs[t].copy_(log_probs);
      r.values[t].copy_(values);
      const std::vector<envs::landmarks::StepOutcome> outcomes = worlds.Step(ToInts(actions));
      if (shaping == Shaping::kNarration) ObserveGrids(worlds, reached);
      const std::vector<float> bonus =
          shaper.Rewards(worlds, reached, &result.shaping_paid, &result.shaping_agreed);
      float* reward = r.rewards[t].data_ptr<float>();
      float* done = r.dones[t].data_ptr<float>();
      float* timeout = r.timeouts[t].data_ptr<float>();
      for (int i = 0; i < n; ++i) {
        const envs::landmarks::StepOutcome& o = outcomes[static_cast<size_t>(i)];
        reward[i] = o.reward + bonus[static_cast<size_t>(i)];
        if (!o.done) continue;
        done[i] = 1;
        timeout[i] = o.timeout ? 1 : 0;
        ++point.episodes;
        point.successes += o.timeout ? 0 : 1;
        worlds.Reset(i, StreamSeed(layout_seed, "train", episode++));
        shaper.NewEpisode(i);
      }
      ObserveViews(worlds, obs);
    }
    r.values[steps].copy_(agent.Values(obs));
    agent.Learn(r);
    env_steps += static_cast<int64_t>(steps) * n;
    point.env_steps = env_steps;
    point.shaping_per_episode =
        point.episodes > 0 ? static_cast<double>(result.shaping_paid - paid_before) / point.episodes
                           : 0;
    result.curve.push_back(point);
  }

  // Evaluation: fresh layouts from their own stream, the policy sampling.
  result.eval_episodes = options.eval_episodes;
  int64_t total_steps = 0;
  for (int first = 0; first < options.eval_episodes; first += n) {
    const int count = std::min(n, options.eval_episodes - first);
    LandmarkWorlds eval(options.world, count);
    for (int i = 0; i < count; ++i) {
      const uint64_t index = static_cast<uint64_t>(first) + static_cast<uint64_t>(i);
      eval.Reset(i, StreamSeed(layout_seed, "eval", index));
    }
    torch::Tensor eval_obs = torch::zeros({count, planes, side, side});
    if (first == 0) result.example_trail.push_back(eval.world(0).agent);
    for (int t = 0; t < options.world.max_steps; ++t) {
      ObserveViews(eval, eval_obs);
      eval.Step(ToInts(std::get<0>(agent.Act(eval_obs))));
      const bool moving = eval.world(0).steps > static_cast<int>(result.example_trail.size()) - 1;
      if (first == 0 && moving) result.example_trail.push_back(eval.world(0).agent);
    }
    if (first == 0) result.example = eval.world(0);
    for (int i = 0; i < count; ++i) {
      result.eval_successes += eval.world(i).success ? 1 : 0;
      total_steps += eval.world(i).steps;
    }
  }
  result.eval_mean_steps = static_cast<double>(total_steps) / options.eval_episodes;
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace advlab::language
