// language_bench: the narration-shaping job's pieces at the default config
// (configs/language_shaping.yaml: 7x7 landmark mazes, 4 colours, an order of
// 3), one LibTorch thread:
//   world       landmark-world steps per second (random actions, 256 worlds)
//   grounding   contrastive training: states per second (each with 4 steps)
//   reading     grounding inference: states read against a step per second
//   training    one PPO condition: seconds per update (16 worlds x 64 steps
//               and the update), sparse and narration-shaped
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include "core/build_info.h"
#include "language/grounding_model.h"
#include "language/narration_job.h"
#include "language/narration_training.h"

namespace {

using namespace advlab::language;
using advlab::envs::landmarks::LandmarkWorlds;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main() {
  torch::set_num_threads(1);
  NarrationOptions options;  // the defaults of configs/language_shaping.yaml
  options.language_file = advlab::ProjectHome() / "language" / "data" / "narration_language.yaml";
  ResolveNarrationInputs(options);
  const NarrationLanguage language = LoadNarrationLanguage(options.language_file);
  std::printf(
      "language_bench: %u cores, 1 LibTorch thread; %dx%d landmark mazes, %d colours, "
      "order of %zu\n",
      std::thread::hardware_concurrency(), options.world.size, options.world.size,
      options.world.landmarks, options.world.order.size());
  {
    const int batch = 256, steps = 4000;
    LandmarkWorlds worlds(options.world, batch);
    std::mt19937 rng(1);
    std::vector<int> actions(batch);
    for (int i = 0; i < batch; ++i) worlds.Reset(i, rng());
    const auto start = Clock::now();
    for (int t = 0; t < steps; ++t) {
      for (int& a : actions) a = static_cast<int>(rng() % 4);
      const auto outcomes = worlds.Step(actions);
      for (int i = 0; i < batch; ++i) {
        if (outcomes[static_cast<size_t>(i)].done) worlds.Reset(i, rng());
      }
    }
    std::printf("  world       %.2fM steps/s (resets included)\n",
                batch * static_cast<double>(steps) / Since(start) / 1e6);
  }
  GroundingModel model;
  {
    NarrationOptions timed = options;
    timed.grounding.steps = 200;
    timed.grounding.test_states = 1;
    const auto start = Clock::now();
    model = TrainGrounding(timed, language, 1, torch::kCPU);
    std::printf("  grounding   %.0f states/s trained (batch %d, 4 steps each)\n",
                timed.grounding.steps * static_cast<double>(timed.grounding.batch) / Since(start),
                timed.grounding.batch);
  }
  {
    torch::NoGradGuard no_grad;
    auto [planes, under] = SampleGroundingStates(options.world, 1024, 2);
    const torch::Tensor steps = model.EncodeTexts({"go to the red square"});
    const auto start = Clock::now();
    const int repeats = 20;
    for (int r = 0; r < repeats; ++r) {
      model.net->Logits(model.net->EncodeStates(planes), steps);
    }
    std::printf("  reading     %.0f states/s\n", repeats * 1024.0 / Since(start));
  }
  for (Shaping shaping : {Shaping::kSparse, Shaping::kNarration}) {
    NarrationOptions timed = options;
    timed.updates = 10;
    timed.eval_episodes = 1;
    const auto start = Clock::now();
    TrainCondition(timed, language, shaping, 0, &model, torch::kCPU);
    std::printf("  training    %-9s %.3f s/update (%d worlds x %d steps)\n",
                ShapingName(shaping).c_str(), Since(start) / timed.updates, timed.ppo.worlds,
                timed.ppo.steps);
  }
  return 0;
}
