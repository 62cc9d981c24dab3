#include "paired/teacher_net.h"

#include <ATen/CPUGeneratorImpl.h>

#include <catch2/catch.hpp>
#include <tuple>

#include "paired/teacher_projection.h"

using namespace advlab::paired;

TEST_CASE("the teacher has one logit per designable cell, and unrolls as it steps", "[teacher]") {
  torch::manual_seed(0);
  TeacherNetOptions options;
  options.conv_channels = 4;
  options.hidden = 8;
  options.head = 8;
  const int grid = 7, steps = 6, noise = 5, batch = 3;
  for (const char* recurrent : {"lstm", "none"}) {
    INFO(recurrent);
    options.recurrent = recurrent;
    TeacherNet net(options, grid, steps, noise);
    torch::NoGradGuard no_grad;
    torch::Tensor grids = torch::rand({steps, batch, 3, grid, grid});
    torch::Tensor times = torch::arange(steps).unsqueeze(1).expand({steps, batch});
    torch::Tensor noises = torch::randn({batch, noise}).unsqueeze(0).expand({steps, batch, noise});
    RecurrentState state = net->InitialState(batch);
    PolicyOutput unrolled = net->Unroll(grids, times, noises, state);
    CHECK(unrolled.logits.sizes() == torch::IntArrayRef({steps, batch, (grid - 2) * (grid - 2)}));
    CHECK(unrolled.value.sizes() == torch::IntArrayRef({steps, batch}));
    for (int t = 0; t < steps; ++t) {
      PolicyOutput step = net->Step(grids[t], times[t], noises[t], state);
      state = step.state;
      CHECK(torch::allclose(unrolled.logits[t], step.logits, 1e-5, 1e-6));
      CHECK(torch::allclose(unrolled.value[t], step.value, 1e-5, 1e-6));
    }
    // The time step is an input: the same grid at another step is another state.
    PolicyOutput early = net->Step(grids[0], times[0], noises[0], net->InitialState(batch));
    PolicyOutput late = net->Step(grids[0], times[5], noises[0], net->InitialState(batch));
    CHECK_FALSE(torch::allclose(early.logits, late.logits));
  }
}

namespace {

// Design episodes as the teacher sees them: a step changes one cell (a wall,
// the goal or the agent placed), none (the cell was taken) or, now and then,
// two (the agent moved away from where it was), starting from a grid with a
// few walls.
torch::Tensor DesignEpisodes(int64_t steps, int64_t worlds, int64_t size, uint64_t seed) {
  torch::Generator generator = at::detail::createCPUGenerator(seed);
  torch::Tensor grids = torch::zeros({steps, worlds, 3, size, size});
  grids[0].select(1, 0).copy_(
      (torch::rand({worlds, size, size}, generator) < 0.2).to(torch::kFloat));
  for (int64_t t = 1; t < steps; ++t) {
    grids[t].copy_(grids[t - 1]);
    for (int64_t n = 0; n < worlds; ++n) {
      const auto pick = torch::randint(0, size * size * 4, {1}, generator).item<int64_t>();
      const int64_t cell = pick % (size * size), kind = pick / (size * size);
      if (kind == 3) continue;  // a placement on an occupied cell changes nothing
      torch::Tensor at = grids[t][n].select(1, cell / size).select(1, cell % size);
      at.zero_();
      at[kind] = 1;
      if (kind == 2 && pick % 2 == 0) {  // the agent leaves a cell in the same step
        const int64_t away = (cell + 1 + size) % (size * size);
        grids[t][n].select(1, away / size).select(1, away % size).zero_();
      }
    }
  }
  return grids;
}

double RelativeError(const torch::Tensor& a, const torch::Tensor& b) {
  return (a - b).abs().max().item<double>() / std::max(1e-12, b.abs().max().item<double>());
}

}  // namespace

TEST_CASE("the incremental teacher projection gives the dense product and its gradients",
          "[teacher]") {
  for (const auto& [steps, worlds, size, channels] :
       {std::tuple<int64_t, int64_t, int64_t, int64_t>{1, 2, 5, 3},
        {2, 3, 5, 4},
        {7, 4, 7, 8},
        {27, 5, 15, 16}}) {
    INFO("steps " << steps << ", worlds " << worlds << ", size " << size);
    torch::manual_seed(steps);
    const int64_t positions = (size - 2) * (size - 2), out = 24;
    torch::Tensor grids = DesignEpisodes(steps, worlds, size, 7 + steps);
    // (A copy: C++17 lambdas cannot capture structured bindings.)
    const int64_t conv_channels = channels;
    auto parameters = [conv_channels, positions] {
      torch::manual_seed(3);
      return std::vector<torch::Tensor>{
          torch::randn({conv_channels, 3, 3, 3}).requires_grad_(),
          torch::randn({conv_channels}).requires_grad_(),
          (torch::randn({out, conv_channels * positions}) * 0.1).requires_grad_()};
    };
    std::vector<torch::Tensor> dense = parameters(), incremental = parameters();
    torch::Tensor expected =
        torch::matmul(torch::relu(torch::conv2d(grids.flatten(0, 1), dense[0], dense[1]))
                          .permute({0, 2, 3, 1})  // position-major
                          .flatten(1),
                      dense[2].t())
            .view({steps, worlds, out});
    torch::Tensor got =
        ProjectDesignEpisodes(grids, incremental[0], incremental[1], incremental[2]);
    REQUIRE(got.sizes() == expected.sizes());
    CHECK(RelativeError(got, expected) < 1e-5);
    // Output gradients of very different sizes from step to step, as the
    // segments' differences of suffix sums must not lose the small ones.
    torch::Tensor weights =
        torch::randn({steps, worlds, out}) *
        torch::pow(10.0, torch::randint(-3, 4, {steps, 1, 1}).to(torch::kFloat));
    (expected * weights).sum().backward();
    (got * weights).sum().backward();
    for (size_t i = 0; i < dense.size(); ++i) {
      INFO("parameter " << i);
      CHECK(RelativeError(incremental[i].grad(), dense[i].grad()) < 1e-4);
    }
  }
}

TEST_CASE("incremental and dense teachers agree on a design episode and every gradient",
          "[teacher]") {
  TeacherNetOptions options;
  options.conv_channels = 8;
  options.hidden = 16;
  options.head = 8;
  const int grid = 9, steps = 12, noise = 5, batch = 4;
  torch::Tensor grids = DesignEpisodes(steps, batch, grid, 11);
  torch::Tensor times = torch::arange(steps).unsqueeze(1).expand({steps, batch});
  torch::Tensor noises = torch::randn({batch, noise}).unsqueeze(0).expand({steps, batch, noise});
  std::vector<PolicyOutput> outputs;
  std::vector<TeacherNet> nets;
  for (bool incremental : {false, true}) {
    options.incremental = incremental;
    torch::manual_seed(5);
    TeacherNet& net = nets.emplace_back(options, grid, steps, noise);
    PolicyOutput out = net->Unroll(grids, times, noises, net->InitialState(batch));
    (out.logits.pow(2).sum() + out.value.sum()).backward();
    outputs.push_back(out);
  }
  CHECK(RelativeError(outputs[1].logits, outputs[0].logits) < 1e-4);
  CHECK(RelativeError(outputs[1].value, outputs[0].value) < 1e-4);
  // The design rollout's step-by-step projection gives the same numbers.
  {
    torch::NoGradGuard no_grad;
    ProjectionCache cache;
    RecurrentState state = nets[1]->InitialState(batch);
    for (int t = 0; t < steps; ++t) {
      PolicyOutput step = nets[1]->Step(grids[t], times[t], noises[t], state, &cache);
      state = step.state;
      INFO("step " << t);
      CHECK(RelativeError(step.logits, outputs[0].logits[t]) < 1e-4);
      CHECK(RelativeError(step.value, outputs[0].value[t]) < 1e-4);
    }
  }
  auto dense = nets[0]->named_parameters(), incremental = nets[1]->named_parameters();
  for (const auto& parameter : dense) {
    INFO(parameter.key());
    CHECK(RelativeError(incremental[parameter.key()].grad(), parameter.value().grad()) < 1e-4);
  }
}
