#include <catch2/catch.hpp>

#include "paired/rollout_storage.h"
#include "paired/student_net.h"
#include "rl/gae.h"
#include "rl/ppo.h"

using namespace advlab::paired;
using namespace advlab::rl;

TEST_CASE("GAE matches a hand computation, episode ends included", "[ppo]") {
  // One world, three steps; the episode ends after step 1.
  torch::Tensor rewards = torch::tensor({{0.0f}, {1.0f}, {0.0f}});
  torch::Tensor values = torch::tensor({{0.5f}, {0.6f}, {0.2f}, {0.3f}});
  torch::Tensor dones = torch::tensor({{0.0f}, {1.0f}, {0.0f}});
  const double g = 0.9, l = 0.8;
  torch::Tensor adv = GeneralizedAdvantages(rewards, values, dones, g, l);
  double a2 = 0.0 + g * 0.3 - 0.2;
  double a1 = 1.0 - 0.6;  // terminal: no bootstrap, no carry
  double a0 = (0.0 + g * 0.6 - 0.5) + g * l * a1;
  CHECK(adv[2][0].item<double>() == Approx(a2));
  CHECK(adv[1][0].item<double>() == Approx(a1));
  CHECK(adv[0][0].item<double>() == Approx(a0));
}

TEST_CASE("a step-limit cut bootstraps instead of ending (handle_timelimits)", "[ppo]") {
  // One world, three steps; the episode is cut by its step limit after step 1.
  torch::Tensor rewards = torch::tensor({{0.0f}, {0.0f}, {0.0f}});
  torch::Tensor values = torch::tensor({{0.5f}, {0.6f}, {0.2f}, {0.3f}});
  torch::Tensor dones = torch::tensor({{0.0f}, {1.0f}, {0.0f}});
  torch::Tensor timeouts = torch::tensor({{0.0f}, {1.0f}, {0.0f}});
  const double g = 0.9, l = 0.8;
  torch::Tensor adv = GeneralizedAdvantages(rewards, values, dones, g, l, timeouts);
  CHECK(adv[1][0].item<double>() == 0.0);  // the cut step's return is its own value
  // The step before bootstraps from the cut step's value, as if it went on.
  CHECK(adv[0][0].item<double>() == Approx(0.0 + g * 0.6 - 0.5));
  CHECK(adv[2][0].item<double>() == Approx(g * 0.3 - 0.2));
  // Without the timeout the same step is terminal: advantage 0 - 0.6.
  CHECK(GeneralizedAdvantages(rewards, values, dones, g, l)[1][0].item<double>() == Approx(-0.6));
}

TEST_CASE("the network's state resets at episode starts and has the right shapes", "[ppo]") {
  torch::manual_seed(0);
  StudentNetOptions options;
  options.hidden = 16;
  for (const char* recurrent : {"lstm", "gru", "none"}) {
    options.recurrent = recurrent;
    StudentNet net(options);
    torch::NoGradGuard no_grad;
    torch::Tensor view = torch::rand({4, 3, 5, 5}) * 8;
    torch::Tensor direction = torch::tensor({0, 1, 2, 3}, torch::kLong);
    RecurrentState zero = net->InitialState(4);
    PolicyOutput first = net->Step(view, direction, zero, torch::ones({4}));
    CHECK(first.logits.sizes() == torch::IntArrayRef({4, 7}));
    CHECK(first.value.sizes() == torch::IntArrayRef({4}));
    // With starts = 1 any incoming state is discarded.
    PolicyOutput again = net->Step(view, direction, first.state, torch::ones({4}));
    CHECK(torch::allclose(again.logits, first.logits));
    // The unrolled sequence equals stepping one step at a time.
    torch::Tensor views = torch::rand({5, 4, 3, 5, 5}) * 8;
    torch::Tensor directions = torch::randint(0, 4, {5, 4}, torch::kLong);
    torch::Tensor starts = torch::zeros({5, 4});
    starts[0].fill_(1);
    starts[3][1] = 1;
    PolicyOutput unrolled = net->Unroll(views, directions, zero, starts);
    RecurrentState state = zero;
    for (int t = 0; t < 5; ++t) {
      PolicyOutput step = net->Step(views[t], directions[t], state, starts[t]);
      state = step.state;
      CHECK(torch::allclose(unrolled.logits[t], step.logits, 1e-5, 1e-6));
      CHECK(torch::allclose(unrolled.value[t], step.value, 1e-5, 1e-6));
    }
  }
}

TEST_CASE("PPO raises the probability of advantageous actions", "[ppo]") {
  torch::manual_seed(1);
  StudentNetOptions options;
  options.hidden = 16;
  options.actions = 3;
  StudentNet net(options);
  PpoSettings settings;
  settings.epochs = 20;
  settings.learning_rate = 1e-2;
  RolloutStorage storage(8, 4);
  storage.views.uniform_(0, 8);
  storage.starts[0].fill_(1);
  storage.initial_state = net->InitialState(4);
  // Action 2 earns reward, the others do not.
  storage.actions = torch::randint(0, 3, {8, 4}, torch::kLong);
  storage.rewards = (storage.actions == 2).to(torch::kFloat);
  {
    torch::NoGradGuard no_grad;
    PolicyOutput out =
        net->Unroll(storage.views, storage.directions, storage.initial_state, storage.starts);
    storage.log_probs =
        torch::log_softmax(out.logits, -1).gather(-1, storage.actions.unsqueeze(-1)).squeeze(-1);
    storage.values.slice(0, 0, 8).copy_(out.value);
  }
  storage.ComputeAdvantages(0.0, 0.0);  // advantage = reward - value
  torch::optim::Adam optimizer(net->parameters(),
                               torch::optim::AdamOptions(settings.learning_rate));
  // Mean probability of the rewarded action over the rollout.
  auto RewardedActionProbability = [&] {
    torch::NoGradGuard no_grad;
    PolicyOutput out =
        net->Unroll(storage.views, storage.directions, storage.initial_state, storage.starts);
    return torch::softmax(out.logits, -1).select(-1, 2).mean().item<double>();
  };
  double before = RewardedActionProbability();
  auto generator = at::detail::createCPUGenerator(5);
  PolicyEvaluator evaluate = [&](const torch::Tensor& rows) {
    auto pick = [&](const torch::Tensor& t) { return t.index_select(1, rows); };
    PolicyOutput out = net->Unroll(pick(storage.views), pick(storage.directions),
                                   storage.initial_state.Index(rows), pick(storage.starts));
    return std::make_pair(out.logits, out.value);
  };
  PpoBatch batch{storage.actions, storage.log_probs, storage.values.slice(0, 0, 8), storage.returns,
                 storage.advantages};
  // One minibatch before any step: the new policy is the old one exactly.
  PpoSettings one = settings;
  one.epochs = 1;
  one.minibatches = 1;
  torch::optim::Adam frozen(net->parameters(), torch::optim::AdamOptions(0.0));
  PpoStats unchanged = PpoUpdate(net->parameters(), frozen, batch, evaluate, one, generator);
  CHECK(unchanged.clip_fraction == 0);
  CHECK(unchanged.approx_kl == Approx(0).margin(1e-7));
  CHECK(RewardedActionProbability() == Approx(before));

  PpoStats stats = PpoUpdate(net->parameters(), optimizer, batch, evaluate, settings, generator);
  double after = RewardedActionProbability();
  CHECK(after > before + 0.05);
  // Twenty epochs at a high rate move the policy past the clip range.
  CHECK(stats.clip_fraction > 0);
  CHECK(stats.clip_fraction < 1);
  CHECK(stats.approx_kl > 1e-4);
  CHECK(std::isfinite(stats.value_loss));

  // Minibatches that do not split the worlds evenly are a bug upstream.
  PpoSettings uneven = settings;
  uneven.minibatches = 3;  // 4 worlds
  CHECK_THROWS_AS(PpoUpdate(net->parameters(), optimizer, batch, evaluate, uneven, generator),
                  std::logic_error);
}
