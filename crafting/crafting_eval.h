#pragma once
// Success of an imitation agent on fresh seeded layouts, per goal: the
// episodes of every goal run as one batch of worlds, actions sampled from
// the agent's policy. Layouts depend only on the seed, goal and episode, so
// both agents meet the same worlds. For the hierarchical agent the
// instruction it generated at each step is kept and compared with the
// planner's current subtask (any paraphrase of it counts).
#include <functional>
#include <string>
#include <vector>

#include "crafting/demo_tensors.h"
#include "crafting/goal_split.h"
#include "crafting/instruction_templates.h"

namespace advlab::crafting {

struct GoalResult {
  envs::crafting::Goal goal;
  bool held_out = false;
  int episodes = 0, successes = 0;
  double mean_steps = 0;  // over successful episodes
  // Hierarchical agent: steps whose generated instruction names the
  // planner's current subtask, of the steps the planner could still solve.
  int instruction_steps = 0, instruction_matches = 0;
};

struct InstructionExample {
  std::string goal;
  int episode = 0, step = 0;
  std::string generated, planner;  // planner: the subtask's first paraphrase
  bool success = false;
};

struct Evaluation {
  std::vector<GoalResult> goals;
  std::vector<InstructionExample> examples;  // held-out goals, where the instruction changes
  // The first episode of the first held-out goal: positions for a picture.
  std::vector<std::pair<int, int>> trail;
  envs::crafting::World last_world;
};

// What an agent does at one step of a batch: logits [B, 6] and, for the
// hierarchical agent, the instruction words [B, context] (else undefined).
struct AgentStep {
  torch::Tensor logits, words;
};
using Agent = std::function<AgentStep(const torch::Tensor& planes, const torch::Tensor& carried,
                                      const torch::Tensor& goal_words)>;

Evaluation EvaluateAgent(const Agent& agent, const envs::crafting::Recipes& recipes,
                         const CraftingOptions& options, const GoalSplit& split,
                         const InstructionTemplates& templates,
                         const adversarial::WordTokenizer& tokenizer, uint64_t seed,
                         const torch::Device& device);

// The words of ids up to the first pad, space-separated.
std::string Decode(const adversarial::WordTokenizer& tokenizer, const torch::Tensor& ids);

}  // namespace advlab::crafting
