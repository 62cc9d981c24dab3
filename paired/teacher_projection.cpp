#include "paired/teacher_projection.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace advlab::paired {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// The positions (row-major over the valid conv output) whose 3x3 patch
// changed from step s - 1 to step s: [T - 1, N, P] as a list of
// (s, n, p) triples, s >= 1.
struct Changes {
  torch::Tensor step, world, position;  // [K] each, int64
};

Changes ChangedPatches(const torch::Tensor& grids) {
  const int64_t steps = grids.size(0), worlds = grids.size(1);
  const int64_t h = grids.size(3), w = grids.size(4);
  if (steps < 2) {
    torch::Tensor none = torch::zeros({0}, torch::kLong);
    return {none, none, none};
  }
  torch::Tensor cell = (grids.slice(0, 1) != grids.slice(0, 0, steps - 1)).any(2);
  // A valid output at (y, x) sees cells (y..y+2, x..x+2): a 3x3 max-pool of
  // the changed cells marks every position whose patch saw a change.
  torch::Tensor window =
      torch::max_pool2d(cell.to(torch::kFloat).view({(steps - 1) * worlds, 1, h, w}), 3, 1);
  torch::Tensor where = (window > 0).view({steps - 1, worlds, (h - 2) * (w - 2)}).nonzero();
  return {where.select(1, 0) + 1, where.select(1, 1), where.select(1, 2)};
}

// Rows of a list grouped by position p: `order` lists row indices sorted by
// p, and position p owns order[offset[p] .. offset[p + 1]).
struct ByPosition {
  torch::Tensor order;
  std::vector<int64_t> offset;
};

ByPosition GroupByPosition(const torch::Tensor& position, int64_t positions) {
  ByPosition groups;
  groups.order = position.argsort();
  torch::Tensor counts = torch::bincount(position, {}, positions);
  groups.offset.assign(positions + 1, 0);
  const int64_t* c = counts.data_ptr<int64_t>();
  for (int64_t p = 0; p < positions; ++p) groups.offset[p + 1] = groups.offset[p] + c[p];
  return groups;
}

class IncrementalProjection : public torch::autograd::Function<IncrementalProjection> {
 public:
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& grids,
                               const torch::Tensor& conv_weight, const torch::Tensor& conv_bias,
                               const torch::Tensor& weight) {
    const int64_t steps = grids.size(0), worlds = grids.size(1);
    const int64_t channels = conv_weight.size(0), out = weight.size(0);
    const int64_t positions = (grids.size(3) - 2) * (grids.size(4) - 2);
    // ReLU(conv) of every step, position-major: [T, N, P, C].
    torch::Tensor active =
        torch::relu(torch::conv2d(grids.flatten(0, 1), conv_weight, conv_bias))
            .view({steps, worlds, channels, positions})
            .permute({0, 1, 3, 2})
            .contiguous();
    // The weight position-major, so one position's columns are one block.
    torch::Tensor blocks =
        weight.reshape({out, channels, positions}).permute({2, 1, 0}).contiguous();  // [P, C, out]

    // Step 0 densely; later steps add the changed positions' deltas.
    torch::Tensor increments = torch::zeros({steps, worlds, out}, weight.options());
    increments[0].copy_(
        torch::mm(active[0].view({worlds, positions * channels}),
                  blocks.view({positions * channels, out})));
    const Changes changes = ChangedPatches(grids);
    torch::Tensor delta =
        active.index({changes.step, changes.world, changes.position}) -
        active.index({changes.step - 1, changes.world, changes.position});  // [K, C]
    torch::Tensor rows = changes.step * worlds + changes.world;
    const ByPosition groups = GroupByPosition(changes.position, positions);
    torch::Tensor flat_increments = increments.view({steps * worlds, out});
    for (int64_t p = 0; p < positions; ++p) {
      if (groups.offset[p] == groups.offset[p + 1]) continue;
      torch::Tensor mine = groups.order.slice(0, groups.offset[p], groups.offset[p + 1]);
      flat_increments.index_add_(0, rows.index_select(0, mine),
                                 torch::mm(delta.index_select(0, mine), blocks[p]));
    }
    // Running sums in double: 50 additions keep float's precision.
    torch::Tensor projected = increments.to(torch::kDouble).cumsum(0).to(weight.scalar_type());

    ctx->save_for_backward({grids, active, blocks, delta, changes.step, changes.world,
                            changes.position});
    return projected;
  }

  static variable_list backward(AutogradContext* ctx, variable_list grad_outputs) {
    const variable_list saved = ctx->get_saved_variables();
    const torch::Tensor &grids = saved[0], &active = saved[1], &blocks = saved[2],
                        &delta = saved[3], &step = saved[4], &world = saved[5],
                        &position = saved[6];
    const int64_t steps = active.size(0), worlds = active.size(1);
    const int64_t positions = active.size(2), channels = active.size(3), out = blocks.size(2);
    const torch::Tensor g = grad_outputs[0].contiguous();

    // S_s = sum_(t>=s) g_t for s = 0..T (S_T = 0), in double.
    torch::Tensor suffix = torch::zeros({steps + 1, worlds, out}, g.options().dtype(torch::kDouble));
    suffix.slice(0, 0, steps).copy_(g.to(torch::kDouble).flip(0).cumsum(0).flip(0));
    torch::Tensor flat_suffix = suffix.view({(steps + 1) * worlds, out});

    // Weight gradient, position-major [P, C, out].
    torch::Tensor d_blocks =
        torch::mm(active[0].view({worlds, positions * channels}).t(), suffix[0].to(g.scalar_type()))
            .view({positions, channels, out});
    const ByPosition groups = GroupByPosition(position, positions);
    torch::Tensor change_suffix =
        flat_suffix.index_select(0, step * worlds + world).to(g.scalar_type());  // [K, out]
    for (int64_t p = 0; p < positions; ++p) {
      if (groups.offset[p] == groups.offset[p + 1]) continue;
      torch::Tensor mine = groups.order.slice(0, groups.offset[p], groups.offset[p + 1]);
      d_blocks[p].add_(
          torch::mm(delta.index_select(0, mine).t(), change_suffix.index_select(0, mine)));
    }
    torch::Tensor d_weight = d_blocks.permute({2, 1, 0}).reshape({out, channels * positions});

    // Conv gradients per segment of constant patch: one starts at step 0 at
    // every (n, p) and at every change; it ends at the next change of the
    // same (n, p), or at T.
    const int64_t changes = step.size(0);
    const int64_t segments = worlds * positions + changes;
    std::vector<int64_t> seg_step(segments), seg_world(segments), seg_position(segments);
    for (int64_t n = 0; n < worlds; ++n) {
      for (int64_t p = 0; p < positions; ++p) {
        seg_world[n * positions + p] = n;
        seg_position[n * positions + p] = p;
      }
    }
    const int64_t *s = step.data_ptr<int64_t>(), *n = world.data_ptr<int64_t>(),
                  *q = position.data_ptr<int64_t>();
    for (int64_t k = 0; k < changes; ++k) {
      seg_step[worlds * positions + k] = s[k];
      seg_world[worlds * positions + k] = n[k];
      seg_position[worlds * positions + k] = q[k];
    }
    std::vector<int64_t> order(segments);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
      if (seg_world[a] != seg_world[b]) return seg_world[a] < seg_world[b];
      if (seg_position[a] != seg_position[b]) return seg_position[a] < seg_position[b];
      return seg_step[a] < seg_step[b];
    });
    std::vector<int64_t> seg_end(segments, steps);
    for (size_t i = 0; i + 1 < order.size(); ++i) {
      const int64_t a = order[i], b = order[i + 1];
      if (seg_world[a] == seg_world[b] && seg_position[a] == seg_position[b]) {
        seg_end[a] = seg_step[b];
      }
    }
    auto as_tensor = [](std::vector<int64_t>& values) {
      return torch::from_blob(values.data(), {static_cast<int64_t>(values.size())}, torch::kLong)
          .clone();
    };
    torch::Tensor t_start = as_tensor(seg_step), t_end = as_tensor(seg_end),
                  t_world = as_tensor(seg_world), t_position = as_tensor(seg_position);
    // The segment's summed output gradient, then through its position's block.
    torch::Tensor seg_grad = (flat_suffix.index_select(0, t_start * worlds + t_world) -
                              flat_suffix.index_select(0, t_end * worlds + t_world))
                                 .to(g.scalar_type());  // [S, out]
    torch::Tensor d_active = torch::empty({segments, channels}, g.options());
    const ByPosition seg_groups = GroupByPosition(t_position, positions);
    for (int64_t p = 0; p < positions; ++p) {
      if (seg_groups.offset[p] == seg_groups.offset[p + 1]) continue;
      torch::Tensor mine = seg_groups.order.slice(0, seg_groups.offset[p], seg_groups.offset[p + 1]);
      d_active.index_copy_(0, mine, torch::mm(seg_grad.index_select(0, mine), blocks[p].t()));
    }
    // Through the ReLU (its mask is fixed within the segment) to the conv's
    // pre-activation, then the conv's weight and bias.
    torch::Tensor d_pre =
        d_active * (active.index({t_start, t_world, t_position}) > 0).to(g.scalar_type());
    torch::Tensor patches =
        torch::im2col(grids.flatten(0, 1), {3, 3}, {1, 1}, {0, 0}, {1, 1})  // [TN, 27, P]
            .transpose(1, 2)
            .reshape({-1, grids.size(2) * 9});
    torch::Tensor seg_patches =
        patches.index_select(0, (t_start * worlds + t_world) * positions + t_position);
    torch::Tensor d_conv_weight =
        torch::mm(d_pre.t(), seg_patches).view({channels, grids.size(2), 3, 3});
    torch::Tensor d_conv_bias = d_pre.sum(0);
    return {torch::Tensor(), d_conv_weight, d_conv_bias, d_weight};
  }
};

}  // namespace

torch::Tensor ProjectDesignEpisodes(const torch::Tensor& grids, const torch::Tensor& conv_weight,
                                    const torch::Tensor& conv_bias, const torch::Tensor& weight) {
  return IncrementalProjection::apply(grids, conv_weight, conv_bias, weight);
}

}  // namespace advlab::paired
