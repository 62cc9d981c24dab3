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
// p, and position p owns order[offset[p] .. offset[p + 1]), so that after
// reordering, each position's rows are one contiguous range.
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

// ReLU(conv) of [M, 3, H, W] images, position-major [M, P, C]: a
// channels-last convolution writes it in that order, so the view is free.
torch::Tensor PositionMajorActivations(const torch::Tensor& images,
                                       const torch::Tensor& conv_weight,
                                       const torch::Tensor& conv_bias) {
  const int64_t positions = (images.size(2) - 2) * (images.size(3) - 2);
  return torch::relu(torch::conv2d(images.contiguous(at::MemoryFormat::ChannelsLast), conv_weight,
                                   conv_bias))
      .permute({0, 2, 3, 1})
      .reshape({images.size(0), positions, conv_weight.size(0)});
}

// rows[k] += delta[k] @ weight[:, p_k, :]^T for rows grouped by position
// (`delta` and `rows` in the group order).
void AddPositionProducts(torch::Tensor& target, const torch::Tensor& rows,
                         const torch::Tensor& delta, const torch::Tensor& by_position,
                         const std::vector<int64_t>& offset) {
  for (size_t p = 0; p + 1 < offset.size(); ++p) {
    const int64_t begin = offset[p], count = offset[p + 1] - begin;
    if (count == 0) continue;
    target.index_add_(0, rows.narrow(0, begin, count),
                      torch::mm(delta.narrow(0, begin, count),
                                by_position.select(1, static_cast<int64_t>(p)).t()));
  }
}

class IncrementalProjection : public torch::autograd::Function<IncrementalProjection> {
 public:
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& grids,
                               const torch::Tensor& conv_weight, const torch::Tensor& conv_bias,
                               const torch::Tensor& weight) {
    const int64_t steps = grids.size(0), worlds = grids.size(1);
    const int64_t channels = conv_weight.size(0), out = weight.size(0);
    const int64_t positions = (grids.size(3) - 2) * (grids.size(4) - 2);
    torch::Tensor active = PositionMajorActivations(grids.flatten(0, 1), conv_weight, conv_bias)
                               .view({steps, worlds, positions, channels});
    // One position's columns of the weight: [out, C] with unit inner stride.
    const torch::Tensor by_position = weight.view({out, positions, channels});

    // Step 0 densely; later steps add the changed positions' deltas.
    torch::Tensor increments = torch::zeros({steps, worlds, out}, weight.options());
    increments[0].copy_(torch::mm(active[0].reshape({worlds, positions * channels}), weight.t()));
    const Changes changes = ChangedPatches(grids);
    const ByPosition groups = GroupByPosition(changes.position, positions);
    const torch::Tensor step = changes.step.index_select(0, groups.order),
                        world = changes.world.index_select(0, groups.order),
                        position = changes.position.index_select(0, groups.order);
    torch::Tensor delta = active.index({step, world, position}) -
                          active.index({step - 1, world, position});  // [K, C], by position
    torch::Tensor flat_increments = increments.view({steps * worlds, out});
    AddPositionProducts(flat_increments, step * worlds + world, delta, by_position, groups.offset);
    // Running sums in double: 50 additions keep float's precision.
    torch::Tensor projected = increments.to(torch::kDouble).cumsum(0).to(weight.scalar_type());

    ctx->save_for_backward({grids, active, weight, delta, step, world});
    ctx->saved_data["offsets"] = groups.offset;
    return projected;
  }

  static variable_list backward(AutogradContext* ctx, variable_list grad_outputs) {
    const variable_list saved = ctx->get_saved_variables();
    const torch::Tensor &grids = saved[0], &active = saved[1], &weight = saved[2],
                        &delta = saved[3], &step = saved[4], &world = saved[5];
    const std::vector<int64_t> offsets = ctx->saved_data["offsets"].toIntVector();
    const int64_t steps = active.size(0), worlds = active.size(1);
    const int64_t positions = active.size(2), channels = active.size(3), out = weight.size(0);
    const torch::Tensor g = grad_outputs[0].contiguous();
    const torch::Tensor by_position = weight.view({out, positions, channels});

    // S_s = sum_(t>=s) g_t for s = 0..T (S_T = 0), in double: segments
    // take differences S_a - S_b, which float would round away when a late
    // step's gradient dwarfs an early segment's.
    torch::Tensor suffix =
        torch::zeros({steps + 1, worlds, out}, g.options().dtype(torch::kDouble));
    suffix.slice(0, 0, steps).copy_(g.to(torch::kDouble).flip(0).cumsum(0).flip(0));
    const torch::Tensor flat_suffix = suffix.view({(steps + 1) * worlds, out});

    // Weight gradient: S_0 x_0^T densely, then each position's deltas.
    torch::Tensor d_weight = torch::mm(suffix[0].to(g.scalar_type()).t(),
                                       active[0].reshape({worlds, positions * channels}));
    torch::Tensor d_by_position = d_weight.view({out, positions, channels});
    const torch::Tensor change_suffix =
        flat_suffix.index_select(0, step * worlds + world).to(g.scalar_type());
    for (int64_t p = 0; p < positions; ++p) {
      const int64_t begin = offsets[p], count = offsets[p + 1] - begin;
      if (count == 0) continue;
      d_by_position.select(1, p).addmm_(change_suffix.narrow(0, begin, count).t(),
                                        delta.narrow(0, begin, count));
    }

    // Conv gradients per segment of constant patch: one starts at step 0 at
    // every (n, p) and at every change; it ends at the next change of the
    // same (n, p), or at T. Segments are listed by position, then world, then
    // step, so each position's are one contiguous range.
    const int64_t changes = step.size(0);
    std::vector<int64_t> seg_step, seg_end, seg_world, seg_offset(positions + 1, 0);
    seg_step.reserve(worlds * positions + changes);
    seg_world.reserve(worlds * positions + changes);
    const int64_t *s = step.data_ptr<int64_t>(), *n = world.data_ptr<int64_t>();
    for (int64_t p = 0; p < positions; ++p) {
      // This position's changes, by world then step (the sort by position
      // kept no order within a position).
      std::vector<std::pair<int64_t, int64_t>> starts;
      for (int64_t w = 0; w < worlds; ++w) starts.emplace_back(w, 0);
      for (int64_t k = offsets[p]; k < offsets[p + 1]; ++k) starts.emplace_back(n[k], s[k]);
      std::sort(starts.begin(), starts.end());
      for (size_t i = 0; i < starts.size(); ++i) {
        seg_world.push_back(starts[i].first);
        seg_step.push_back(starts[i].second);
        const bool next_same = i + 1 < starts.size() && starts[i + 1].first == starts[i].first;
        seg_end.push_back(next_same ? starts[i + 1].second : steps);
      }
      seg_offset[p + 1] = static_cast<int64_t>(seg_step.size());
    }
    const int64_t segments = static_cast<int64_t>(seg_step.size());
    auto as_tensor = [](std::vector<int64_t>& values) {
      return torch::from_blob(values.data(), {static_cast<int64_t>(values.size())}, torch::kLong)
          .clone();
    };
    std::vector<int64_t> seg_position(segments);
    for (int64_t p = 0; p < positions; ++p) {
      std::fill(seg_position.begin() + seg_offset[p], seg_position.begin() + seg_offset[p + 1], p);
    }
    const torch::Tensor t_start = as_tensor(seg_step), t_end = as_tensor(seg_end),
                        t_world = as_tensor(seg_world), t_position = as_tensor(seg_position);
    // The segment's summed output gradient (a difference of suffix sums,
    // taken in double), through its position's weights.
    const torch::Tensor start_rows = t_start * worlds + t_world,
                        end_rows = t_end * worlds + t_world;
    torch::Tensor d_active = torch::empty({segments, channels}, g.options());
    for (int64_t p = 0; p < positions; ++p) {
      const int64_t begin = seg_offset[p], count = seg_offset[p + 1] - begin;
      if (count == 0) continue;
      const torch::Tensor seg_grad =
          (flat_suffix.index_select(0, start_rows.narrow(0, begin, count)) -
           flat_suffix.index_select(0, end_rows.narrow(0, begin, count)))
              .to(g.scalar_type());
      torch::Tensor rows = d_active.narrow(0, begin, count);
      torch::mm_out(rows, seg_grad, by_position.select(1, p));
    }
    // Through the ReLU (its mask is fixed within the segment) to the conv's
    // pre-activation, then the conv's weight and bias.
    const torch::Tensor d_pre =
        d_active * (active.index({t_start, t_world, t_position}) > 0).to(g.scalar_type());
    const torch::Tensor patches =
        torch::im2col(grids.flatten(0, 1), {3, 3}, {1, 1}, {0, 0}, {1, 1})  // [TN, 27, P]
            .transpose(1, 2)
            .reshape({-1, grids.size(2) * 9});
    const torch::Tensor seg_patches =
        patches.index_select(0, (t_start * worlds + t_world) * positions + t_position);
    torch::Tensor d_conv_weight =
        torch::mm(d_pre.t(), seg_patches).view({channels, grids.size(2), 3, 3});
    torch::Tensor d_conv_bias = d_pre.sum(0);
    return {torch::Tensor(), d_conv_weight, d_conv_bias, d_weight};
  }
};

}  // namespace

torch::Tensor ProjectDesignStep(const torch::Tensor& grid, const torch::Tensor& conv_weight,
                                const torch::Tensor& conv_bias, const torch::Tensor& weight,
                                ProjectionCache& cache) {
  TORCH_CHECK(grid.is_cpu() && weight.is_cpu(), "the incremental projection runs on the CPU");
  // A rollout step: no gradient flows through the cache.
  TORCH_CHECK(!torch::GradMode::is_enabled(), "ProjectDesignStep is for rollouts without grad");
  const int64_t worlds = grid.size(0), out = weight.size(0);
  const torch::Tensor active = PositionMajorActivations(grid, conv_weight, conv_bias);
  const int64_t positions = active.size(1), channels = active.size(2);
  if (!cache.active.defined()) {
    cache.projection =
        torch::mm(active.view({worlds, positions * channels}), weight.t()).to(torch::kDouble);
  } else {
    // Only positions whose output changed: at most 9 per world for each
    // cell the step changed.
    const torch::Tensor where = (active != cache.active).any(-1).nonzero();
    const ByPosition groups = GroupByPosition(where.select(1, 1), positions);
    const torch::Tensor world = where.select(1, 0).index_select(0, groups.order),
                        position = where.select(1, 1).index_select(0, groups.order);
    const torch::Tensor delta =
        active.index({world, position}) - cache.active.index({world, position});
    torch::Tensor increment = torch::zeros({worlds, out}, weight.options());
    AddPositionProducts(increment, world, delta, weight.view({out, positions, channels}),
                        groups.offset);
    cache.projection += increment;
  }
  cache.active = active;
  return cache.projection.to(weight.scalar_type());
}

torch::Tensor ProjectDesignEpisodes(const torch::Tensor& grids, const torch::Tensor& conv_weight,
                                    const torch::Tensor& conv_bias, const torch::Tensor& weight) {
  // The bookkeeping (change lists, segments) reads indices on the host.
  TORCH_CHECK(grids.is_cpu() && weight.is_cpu(), "the incremental projection runs on the CPU");
  return IncrementalProjection::apply(grids, conv_weight, conv_bias, weight);
}

}  // namespace advlab::paired
