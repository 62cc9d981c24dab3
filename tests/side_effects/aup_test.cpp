// AUP's pieces on hand-made inputs: the penalty on a Q table, lambda's
// schedule, the auxiliary rewards and the Q head's fit.
#include <catch2/catch.hpp>

#include "envs/life_batch.h"
#include "side_effects/aup_penalty.h"
#include "side_effects/aux_reward.h"
#include "side_effects/life_agent.h"

namespace life = advlab::envs::life;
using namespace advlab::side_effects;

TEST_CASE("the AUP penalty on a hand-made Q table", "[side_effects][aup]") {
  // Two auxiliary Q functions, two states, actions 0 (noop), 1 and 2 of 9.
  torch::Tensor q = torch::zeros({2, 2, 9});
  q[0][0][0] = 1.0;   // Q_1(s0, noop)
  q[0][0][1] = 3.0;   // Q_1(s0, up): +2 over noop
  q[1][0][1] = -1.0;  // Q_2(s0, up): -1 under noop
  q[0][1][2] = 0.5;   // Q_1(s1, right)
  q[1][1][0] = 4.0;   // Q_2(s1, noop)
  q[1][1][2] = 4.0;   // Q_2(s1, right): unchanged
  torch::Tensor actions = torch::tensor({1, 2}, torch::kLong);
  torch::Tensor p = AupPenalty(q, actions, /*lambda=*/0.1);
  // (lambda / n) sum_i |Q_i(s, a) - Q_i(s, noop)|
  CHECK(p[0].item<float>() == Approx(0.1 / 2 * (2.0 + 1.0)));
  CHECK(p[1].item<float>() == Approx(0.1 / 2 * (0.5 + 0.0)));
  // Doing nothing is never penalised.
  torch::Tensor noop = AupPenalty(q, torch::zeros({2}, torch::kLong), 0.1);
  CHECK(noop.abs().sum().item<float>() == 0.0f);
}

TEST_CASE("lambda grows linearly from start to end over the policy's steps",
          "[side_effects][aup]") {
  CHECK(LambdaAt(0.001, 0.1, 0, 1000) == Approx(0.001));
  CHECK(LambdaAt(0.001, 0.1, 500, 1000) == Approx(0.0505));
  CHECK(LambdaAt(0.001, 0.1, 1000, 1000) == Approx(0.1));
  CHECK(LambdaAt(0.001, 0.1, 5000, 1000) == Approx(0.1));  // held after the schedule
}

TEST_CASE("auxiliary rewards are fixed random projections of the board's change",
          "[side_effects][aup]") {
  life::Board start(6, 6);
  start.at(1, 1) = life::kAgent;
  start.at(4, 4) = life::kGreenLife;
  AuxiliaryRewards a(3, 6, 6, /*seed=*/7), again(3, 6, 6, 7), other(3, 6, 6, 8);
  CHECK(a.weights() == again.weights());
  CHECK(a.weights() != other.weights());
  for (float w : a.weights()) {
    CHECK(w >= 0.0f);
    CHECK(w < 1.0f);
  }
  float r[3];
  a.Evaluate(start, start, r);
  for (float v : r) CHECK(v == 0.0f);  // measured from the start board
  life::Board changed = start;
  changed.at(2, 3) = life::kLife;   // grey life made
  changed.at(4, 4) = life::kEmpty;  // green life destroyed
  a.Evaluate(changed, start, r);
  const int made = 3 * 6 + 2, gone = 4 * 6 + 4;
  for (int i = 0; i < 3; ++i) {
    const float expected = a.weights()[i * 36 + made] * CellLuminance(life::kLife) -
                           a.weights()[i * 36 + gone] * CellLuminance(life::kGreenLife);
    CHECK(r[i] == Approx(expected));
  }
  CHECK(CellLuminance(life::kEmpty) == 0.0);
  CHECK_THROWS(a.Evaluate(life::Board(5, 5), life::Board(5, 5), r));
}

TEST_CASE("an auxiliary agent's Q head learns each action's return", "[side_effects][aup]") {
  // Episodes of one step: action 1 pays 1, the others 0. The Q head must
  // tell them apart, which fitting only the mean of the outputs (the AUP
  // code's value head) would not.
  LifeNetOptions net;
  net.view = 3;
  net.conv1 = 4;
  net.conv2 = 4;
  net.hidden = 16;
  advlab::rl::PpoSettings ppo;
  ppo.worlds = 8;
  ppo.steps = 9;
  ppo.minibatches = 2;
  ppo.epochs = 3;
  ppo.learning_rate = 3e-3;
  LifeAgent agent(net, ppo, /*fits_q=*/true, /*seed=*/1, torch::kCPU);
  torch::manual_seed(0);
  LifeRollout r;
  r.observations = torch::zeros({9, 8, life::kPlanes, 3, 3});
  r.observations.select(2, life::kPlaneAgent).fill_(1.0);
  r.actions = torch::arange(9, torch::kLong).view({9, 1}).expand({9, 8}).contiguous();
  r.log_probs = torch::full({9, 8}, -std::log(9.0f));
  r.rewards = (r.actions == 1).to(torch::kFloat);
  r.dones = torch::ones({9, 8});
  r.timeouts = torch::zeros({9, 8});
  r.values = torch::zeros({10, 8});
  for (int i = 0; i < 150; ++i) agent.Learn(r);
  torch::Tensor q = agent.QValues(r.observations[0].slice(0, 0, 1))[0];
  CHECK(q[1].item<float>() == Approx(1.0).margin(0.15));
  CHECK(q[0].item<float>() == Approx(0.0).margin(0.15));
  CHECK(agent.q_loss() < 0.02);
}
