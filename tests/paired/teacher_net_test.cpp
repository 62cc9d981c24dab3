#include "paired/teacher_net.h"

#include <catch2/catch.hpp>

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
