#pragma once
// The teacher's LSTM input projection over a whole design episode, computed
// incrementally. At the reference sizes that input is the flattened conv
// output, 13 x 13 x 128 = 21,632 wide, and the projection a 1,024 x 21,632
// matrix: the dense product costs 37 GMAC per pass over an iteration's 32 x 52
// design steps, and PPO makes 5 forward and backward passes.
//
// But consecutive observations of one design episode differ in one grid
// cell, so the conv output changes only at the (at most 9) positions whose
// 3x3 patch covers it. With x_t the flattened ReLU(conv) output at step t
// and W the weight:
//   forward   W x_t = W x_(t-1) + W[:, changed] (x_t - x_(t-1))[changed]
//   weight    sum_t g_t x_t^T = S_0 x_0^T + sum_(s>=1) S_s (x_s - x_(s-1))^T,
//             S_s = sum_(t>=s) g_t (suffix sums of the output gradient)
//   conv      the ReLU mask and the 3x3 patch of a position stay fixed
//             between the steps that change its patch, so the conv's weight
//             and bias gradients need one product per such segment, with
//             the segment's gradient sum S_a - S_b.
// About a twelfth of the dense work at the reference sizes, and the same
// numbers up to float rounding (tests/paired/teacher_net_test.cpp compares
// outputs and every gradient with the dense computation).
#include <torch/torch.h>

namespace advlab::paired {

// x_t @ weight^T for every step t, where x_t is ReLU(conv2d(grids[t],
// conv_weight, conv_bias)) flattened position-major (channels last: column
// p * C + c), differentiable in conv_weight, conv_bias and weight:
//   grids        [T, N, 3, H, W], one design episode per column n
//   conv_weight  [C, 3, 3, 3] (valid 3x3 convolution), conv_bias [C]
//   weight       [out, P * C], P = (H - 2) * (W - 2)
// Returns [T, N, out]. Position-major, one position's weights form an
// [out, C] matrix BLAS can use in place: no transposed copies of the 22M
// weights per pass.
torch::Tensor ProjectDesignEpisodes(const torch::Tensor& grids, const torch::Tensor& conv_weight,
                                    const torch::Tensor& conv_bias, const torch::Tensor& weight);

// The design rollout's side of the same idea: one step at a time, without
// gradients (grad mode must be off), from what the last step left. Both
// functions run on the CPU; the teacher uses the dense product elsewhere.
struct ProjectionCache {
  torch::Tensor active;      // [N, P, C], the last step's ReLU(conv) output
  torch::Tensor projection;  // [N, out] in double, its projection
};
// The projection of `grid` ([N, 3, H, W]) as above; densely when `cache` is
// empty (an episode's first step), else the last projection plus the
// positions whose output changed. Updates `cache`.
torch::Tensor ProjectDesignStep(const torch::Tensor& grid, const torch::Tensor& conv_weight,
                                const torch::Tensor& conv_bias, const torch::Tensor& weight,
                                ProjectionCache& cache);

}  // namespace advlab::paired
