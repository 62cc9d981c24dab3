#include "crafting/crafting_eval.h"

#include <algorithm>

#include "core/seed_streams.h"
#include "rl/categorical.h"

namespace advlab::crafting {

namespace cw = envs::crafting;

std::string Decode(const adversarial::WordTokenizer& tokenizer, const torch::Tensor& ids) {
  std::string text;
  const torch::Tensor row = ids.to(torch::kCPU, torch::kLong).contiguous();
  const int64_t* id = row.data_ptr<int64_t>();
  for (int64_t k = 0; k < row.numel() && id[k] != adversarial::WordTokenizer::kPad; ++k) {
    text += (text.empty() ? "" : " ") + tokenizer.Word(id[k]);
  }
  return text;
}

Evaluation EvaluateAgent(const Agent& agent, const cw::Recipes& recipes,
                         const CraftingOptions& options, const GoalSplit& split,
                         const InstructionTemplates& templates,
                         const adversarial::WordTokenizer& tokenizer, uint64_t seed,
                         const torch::Device& device) {
  std::vector<cw::Goal> goals = split.train;
  goals.insert(goals.end(), split.held_out.begin(), split.held_out.end());
  const int episodes = options.eval_episodes;
  const int batch = static_cast<int>(goals.size()) * episodes;
  cw::CraftingWorlds worlds(recipes, options.world, batch);
  std::vector<int64_t> goal_index;
  for (size_t g = 0; g < goals.size(); ++g) {
    for (int e = 0; e < episodes; ++e) {
      const int index = static_cast<int>(g) * episodes + e;
      const int id = GoalIndex(recipes, goals[g]);
      worlds.Reset(index, goals[g],
                   StreamSeed(seed, "crafting_eval_layout",
                              static_cast<uint64_t>(id) * 1000003ULL + static_cast<uint64_t>(e)));
      goal_index.push_back(id);
    }
  }
  const torch::Tensor goal_words =
      GoalWords(recipes, tokenizer).index_select(0, torch::tensor(goal_index)).to(device);
  auto sampling =
      at::make_generator<at::CPUGeneratorImpl>(StreamSeed(seed, "crafting_eval_actions"));

  Evaluation result;
  for (size_t g = 0; g < goals.size(); ++g) {
    GoalResult r;
    r.goal = goals[g];
    r.held_out = g >= split.train.size();
    r.episodes = episodes;
    result.goals.push_back(r);
  }
  // Example episodes: the first of each held-out goal, up to eval.examples.
  std::vector<int> example_worlds;
  for (size_t g = split.train.size();
       g < goals.size() && static_cast<int>(example_worlds.size()) < options.eval_examples; ++g) {
    example_worlds.push_back(static_cast<int>(g) * episodes);
  }
  const int trail_world =
      split.held_out.empty() ? 0 : static_cast<int>(split.train.size()) * episodes;
  std::vector<std::string> last_said(static_cast<size_t>(batch));

  torch::Tensor planes = torch::zeros({batch, worlds.ViewSize()});
  torch::Tensor carried = torch::zeros({batch, worlds.CarriedSize()});
  torch::NoGradGuard no_grad;
  for (int t = 0; t < options.world.max_steps; ++t) {
    bool running = false;
    for (int i = 0; i < batch; ++i) {
      running = running || !worlds.world(i).done;
      worlds.ObservePlanes(i, planes[i].data_ptr<float>());
      worlds.ObserveCarried(i, carried[i].data_ptr<float>());
    }
    if (!running) break;
    const AgentStep step =
        agent(planes.view({batch, worlds.PlaneCount(), worlds.ViewHeight(), worlds.ViewWidth()})
                  .to(device),
              carried.to(device), goal_words);
    const torch::Tensor actions = rl::SampleActions(step.logits.to(torch::kCPU), sampling);
    if (step.words.defined()) {
      const torch::Tensor words = step.words.to(torch::kCPU);
      for (int i = 0; i < batch; ++i) {
        const cw::World& w = worlds.world(i);
        if (w.done) continue;
        const std::string said = Decode(tokenizer, words[i]);
        const cw::Plan plan = cw::PlanGoal(recipes, w);
        std::string planner;
        GoalResult& r = result.goals[static_cast<size_t>(i / episodes)];
        if (plan.solvable && !plan.actions.empty()) {
          const cw::Subtask& now = plan.subtasks[static_cast<size_t>(plan.subtask_of_step[0])];
          planner = templates.Say(recipes, now, w.goal, 0);
          ++r.instruction_steps;
          const size_t variants = now.kind == cw::Subtask::Kind::kCollect ? templates.collect.size()
                                                                          : templates.craft.size();
          for (size_t v = 0; v < variants; ++v) {
            if (templates.Say(recipes, now, w.goal, v) == said) {
              ++r.instruction_matches;
              break;
            }
          }
        }
        const bool example =
            std::find(example_worlds.begin(), example_worlds.end(), i) != example_worlds.end();
        if (example && said != last_said[static_cast<size_t>(i)]) {
          result.examples.push_back({recipes.GoalName(w.goal), 0, t, said,
                                     plan.solvable ? planner : "(no plan from here)", false});
          last_said[static_cast<size_t>(i)] = said;
        }
      }
    }
    const cw::World& traced = worlds.world(trail_world);
    if (!traced.done) result.trail.emplace_back(traced.x, traced.y);
    const int64_t* chosen = actions.data_ptr<int64_t>();
    worlds.Step(std::vector<int>(chosen, chosen + batch));
  }
  for (int i = 0; i < batch; ++i) {
    const cw::World& w = worlds.world(i);
    GoalResult& r = result.goals[static_cast<size_t>(i / episodes)];
    if (w.success) {
      r.mean_steps += w.steps;
      ++r.successes;
    }
  }
  for (GoalResult& r : result.goals) {
    if (r.successes > 0) r.mean_steps /= r.successes;
  }
  for (InstructionExample& e : result.examples) {
    for (int i : example_worlds) {
      if (recipes.GoalName(worlds.world(i).goal) == e.goal) e.success = worlds.world(i).success;
    }
  }
  const cw::World& traced = worlds.world(trail_world);
  result.trail.emplace_back(traced.x, traced.y);
  result.last_world = traced;
  return result;
}

}  // namespace advlab::crafting
