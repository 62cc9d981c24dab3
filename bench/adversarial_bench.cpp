// Benchmark of the adversarial module on the default CLIP-style model
// (configs/clip.yaml sizes):
//   * bare forward + input-gradient time of a batch of 256 (what one attack
//     step must compute), and forward + backward with weight gradients;
//   * PGD (linf, 10 steps, no early stop so every image pays every step) and
//     APGD-CE (100 steps) throughput in image-steps per second, and their time
//     per step over the bare forward + input gradient (goal <= 1.1);
//   * APGD-DLR and APGD-T (one target) in image-steps per second, and Square
//     in queries per second beside the bare forward pass, all against the
//     model's own predictions so that every image is attacked;
//   * training time to the zero-shot accuracy goal (configs/clip.yaml, one
//     epoch), unless --no-train.
//
//   adversarial_bench [--repeats N] [--no-train]
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <thread>

#include "adversarial/attack_math.h"
#include "adversarial/attacks.h"
#include "adversarial/clip_model.h"
#include "adversarial/clip_train.h"
#include "adversarial/data_options.h"
#include "adversarial/label_sets.h"
#include "adversarial/pixels.h"
#include "adversarial/zero_shot.h"
#include "core/build_info.h"
#include "core/config.h"
#include "nn/allocator.h"

namespace {

using namespace advlab;
using namespace advlab::adversarial;
using Clock = std::chrono::steady_clock;

template <typename F>
double MedianSeconds(int repeats, F&& run) {
  run();  // warm-up
  std::vector<double> times;
  for (int r = 0; r < repeats; ++r) {
    auto t0 = Clock::now();
    run();
    times.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int repeats = 5;
  bool train = true;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--repeats") && i + 1 < argc)
      repeats = std::max(1, std::atoi(argv[++i]));
    if (!std::strcmp(argv[i], "--no-train")) train = false;
  }
  nn::KeepFreedMemory();
  at::set_num_threads(1);
  at::set_num_interop_threads(1);
  std::printf("adversarial_bench: %u cores, 1 LibTorch thread, batch 256, median of %d\n",
              std::max(1u, std::thread::hardware_concurrency()), repeats);

  core::Config config = core::Config::Load(ProjectHome() / "configs" / "clip.yaml", {});
  ClipTrainOptions options = ReadClipTrainOptions(config);
  LabelSets sets = ReadLabelSets(options.labels_file);
  DataOptions data = options.data;
  data.test_images = 256;
  ImageSet test = LoadSplit(data, "test");
  torch::Tensor x = Pixels(test), y = Labels(test);

  torch::manual_seed(0);
  std::vector<std::string> corpus;
  for (const LabelSet& s : sets.sets) corpus.insert(corpus.end(), s.labels.begin(), s.labels.end());
  ClipModel model(options.net, WordTokenizer::Build(corpus, options.net.context), torch::kCPU);
  model.net()->eval();
  ZeroShotClassifier classifier(model, sets.classes, {"a photo of a {}"});
  LogitsFn logits = [&](const torch::Tensor& pixels) { return classifier.Logits(pixels); };

  double input_grad = MedianSeconds(repeats, [&] {
    torch::Tensor input = x.clone().requires_grad_(true);
    torch::autograd::grad({AscentLoss(logits(input), y, false).sum()}, {input});
  });
  double full_backward = MedianSeconds(repeats, [&] {
    model.net()->zero_grad();
    AscentLoss(logits(x), y, false).sum().backward();
  });
  std::printf("%-34s %9.1f ms\n", "forward + input gradient", 1e3 * input_grad);
  std::printf("%-34s %9.1f ms\n", "forward + backward (weights too)", 1e3 * full_backward);

  std::printf("%-12s %6s %12s %14s %20s\n", "attack", "steps", "seconds", "image-steps/s",
              "step / bare fwd+grad");
  for (const char* method : {"pgd", "apgd"}) {
    AttackSpec spec;
    spec.method = ParseAttackName(std::string(method) + "_linf")->method;
    spec.epsilon = 8.0 / 255;
    spec.step_size = 2.0 / 255;
    spec.steps = std::string(method) == "pgd" ? 10 : 100;
    spec.early_stop = false;
    double seconds = MedianSeconds(std::string(method) == "pgd" ? repeats : 1,
                                   [&] { RunAttack(spec, logits, x, y, {}); });
    // PGD computes `steps` gradients (its final judging forward pass counts
    // as overhead); APGD steps + 1 (one at the start).
    double passes = std::string(method) == "pgd" ? spec.steps : spec.steps + 1;
    std::printf("%-12s %6d %12.3f %14.0f %20.3f\n", spec.Name().c_str(), spec.steps, seconds,
                256.0 * spec.steps / seconds, seconds / passes / input_grad);
  }

  // AutoAttack's other members attack only correctly classified images:
  // against the model's own predictions every image is attacked.
  torch::Tensor predicted;
  {
    torch::NoGradGuard no_grad;
    predicted = logits(x).argmax(1);
  }
  double forward = MedianSeconds(repeats, [&] {
    torch::NoGradGuard no_grad;
    logits(x);
  });
  std::printf("%-34s %9.1f ms\n", "forward only (Square's query)", 1e3 * forward);
  for (AttackMethod method : {AttackMethod::kApgdDlr, AttackMethod::kApgdT, AttackMethod::kFabT}) {
    AttackSpec spec;
    spec.method = method;
    spec.epsilon = 8.0 / 255;
    spec.steps = 100;
    spec.targets = 1;  // one target's run: 9 targets cost 9 times as much
    AttackResult r;
    double seconds = MedianSeconds(1, [&] { r = RunAttack(spec, logits, x, predicted, {}); });
    const double steps = r.gradient_steps.to(torch::kDouble).sum().item<double>();
    std::printf("%-12s %6d %12.3f %14.0f %20.3f\n", spec.Name().c_str(), spec.steps, seconds,
                steps / seconds, seconds / (steps / 256) / input_grad);
  }
  {
    AttackSpec spec;
    spec.method = AttackMethod::kSquare;
    spec.epsilon = 8.0 / 255;
    spec.queries = 500;
    AttackResult r;
    double seconds = MedianSeconds(1, [&] { r = RunAttack(spec, logits, x, predicted, {}); });
    const double queries = r.gradient_steps.to(torch::kDouble).sum().item<double>();
    std::printf("%-12s %6d %12.3f %14.0f %20s  (queries/s; %.2f x a bare forward per query)\n",
                spec.Name().c_str(), spec.queries, seconds, queries / seconds, "-",
                seconds / (queries / 256) / forward);
  }

  if (train) {
    auto out = std::filesystem::temp_directory_path() / "advlab-bench-clip";
    std::filesystem::remove_all(out);
    options.epochs = 1;
    ClipTrainSummary summary = TrainClip(options, LoadClipTrainInputs(options), out);
    std::printf(
        "training (configs/clip.yaml, 1 epoch): %d steps in %.1f s, zero-shot accuracy "
        "%.3f; %.0f%% reached after %.1f s\n",
        summary.steps, summary.train_seconds, summary.accuracy, 100 * options.target_accuracy,
        summary.seconds_to_target);
    std::filesystem::remove_all(out);
  }
  return 0;
}
