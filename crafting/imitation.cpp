#include "crafting/imitation.h"

#include <mutex>

#include "core/seed_streams.h"

namespace advlab::crafting {
namespace {

struct Batch {
  torch::Tensor planes, carried, goal_words, action, instruction;
};

Batch Draw(const DemoTensors& d, const torch::Tensor& index, const torch::Device& device) {
  return {
      d.planes.index_select(0, index).to(device, torch::kFloat),
      d.carried.index_select(0, index).to(device), d.goal_words.index_select(0, index).to(device),
      d.action.index_select(0, index).to(device), d.instruction.index_select(0, index).to(device)};
}

using Losses = std::function<std::vector<torch::Tensor>(const Batch&)>;

// Each loss's mean over `demos` in batches, without gradients.
std::vector<double> MeanLosses(const DemoTensors& demos, const CraftingOptions& options,
                               const torch::Device& device, const Losses& losses) {
  torch::NoGradGuard no_grad;
  std::vector<double> sums;
  const int64_t n = demos.size();
  for (int64_t start = 0; start < n; start += options.batch) {
    const int64_t end = std::min(n, start + options.batch);
    const std::vector<torch::Tensor> parts =
        losses(Draw(demos, torch::arange(start, end, torch::kLong), device));
    sums.resize(parts.size(), 0.0);
    for (size_t k = 0; k < parts.size(); ++k) {
      sums[k] += parts[k].item<double>() * static_cast<double>(end - start);
    }
  }
  for (double& s : sums) s /= static_cast<double>(std::max<int64_t>(n, 1));
  return sums;
}

// Epochs of Adam over shuffled minibatches of the demonstrations; the step
// follows the sum of `losses`.
void Fit(const std::vector<torch::Tensor>& parameters, const ImitationData& data,
         const CraftingOptions& options, uint64_t seed, const torch::Device& device,
         const Losses& losses, LossCurve* curve) {
  torch::optim::Adam adam(parameters, torch::optim::AdamOptions(options.lr));
  auto order = at::make_generator<at::CPUGeneratorImpl>(StreamSeed(seed, "crafting_batches"));
  const int64_t n = data.train.size();
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    const torch::Tensor perm = torch::randperm(n, order, torch::kLong);
    std::vector<double> sums;
    int64_t batches = 0;
    for (int64_t start = 0; start < n; start += options.batch, ++batches) {
      const Batch batch =
          Draw(data.train, perm.slice(0, start, std::min(n, start + options.batch)), device);
      const std::vector<torch::Tensor> parts = losses(batch);
      torch::Tensor total = parts.front();
      for (size_t k = 1; k < parts.size(); ++k) total = total + parts[k];
      adam.zero_grad();
      total.backward();
      adam.step();
      sums.resize(parts.size(), 0.0);
      for (size_t k = 0; k < parts.size(); ++k) sums[k] += parts[k].item<double>();
    }
    for (double& s : sums) s /= static_cast<double>(batches);
    const std::vector<double> validation = MeanLosses(data.validation, options, device, losses);
    sums.insert(sums.end(), validation.begin(), validation.end());
    if (curve) curve->push_back(sums);
  }
}

// Initialisation draws from LibTorch's global generator; agents may train
// on concurrent threads, so seeding and construction happen one at a time.
std::mutex initialisation;

}  // namespace

torch::Tensor InstructionLoss(const torch::Tensor& logits, const torch::Tensor& words) {
  const int64_t length = words.size(1);
  const torch::Tensor positions = torch::arange(length, words.options()).unsqueeze(0);
  const torch::Tensor counted = positions.le(WordCounts(words).unsqueeze(1)).to(torch::kFloat);
  const torch::Tensor each = torch::nn::functional::cross_entropy(
      logits.reshape({-1, logits.size(2)}), words.reshape({-1}),
      torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
  return (each.view_as(counted) * counted).sum() / counted.sum();
}

ActionImitation TrainActionImitation(const ImitationData& data, const NetShapes& shapes,
                                     const CraftingOptions& options, uint64_t seed,
                                     const torch::Device& device, LossCurve* curve) {
  ActionImitation net{nullptr};
  {
    const std::lock_guard<std::mutex> lock(initialisation);
    torch::manual_seed(StreamSeed(seed, "crafting_action_imitation"));
    net = ActionImitation(shapes, options.net);
  }
  net->to(device);
  Fit(
      net->parameters(), data, options, seed, device,
      [&](const Batch& b) {
        return std::vector<torch::Tensor>{
            torch::nn::functional::cross_entropy(net(b.planes, b.carried, b.goal_words), b.action)};
      },
      curve);
  return net;
}

HierarchicalAgent TrainHierarchical(const ImitationData& data, const NetShapes& shapes,
                                    const CraftingOptions& options, uint64_t seed,
                                    const torch::Device& device, LossCurve* curve) {
  HierarchicalAgent agent;
  {
    const std::lock_guard<std::mutex> lock(initialisation);
    torch::manual_seed(StreamSeed(seed, "crafting_hierarchical"));
    agent = {InstructionGenerator(shapes, options.net), InstructedPolicy(shapes, options.net)};
  }
  agent.generator->to(device);
  agent.policy->to(device);
  std::vector<torch::Tensor> parameters = agent.generator->parameters();
  for (const torch::Tensor& p : agent.policy->parameters()) parameters.push_back(p);
  Fit(
      parameters, data, options, seed, device,
      [&](const Batch& b) {
        const torch::Tensor words =
            agent.generator(b.planes, b.carried, b.goal_words, b.instruction);
        const torch::Tensor actions = agent.policy(b.planes, b.carried, b.instruction);
        return std::vector<torch::Tensor>{InstructionLoss(words, b.instruction),
                                          torch::nn::functional::cross_entropy(actions, b.action)};
      },
      curve);
  return agent;
}

}  // namespace advlab::crafting
