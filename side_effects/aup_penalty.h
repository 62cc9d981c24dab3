#pragma once
// Attainable utility preservation's penalty (Turner et al. 2020, as
// released; side_effects.md section 6):
//   R_AUP(s, a) = R(s, a) - (lambda / n) sum_i |Q_i(s, a) - Q_i(s, noop)|
// with noop = action 0 and lambda growing linearly over the policy's
// training. An action is penalised by how much it changes the agent's
// ability to pursue the n auxiliary rewards, compared with doing nothing.
#include <torch/torch.h>

namespace advlab::side_effects {

// q: [n, N, A] the auxiliary Q values of N states; actions: [N] int64.
// Returns [N] penalties (lambda / n) sum_i |Q_i(s, a) - Q_i(s, 0)|.
torch::Tensor AupPenalty(const torch::Tensor& q, const torch::Tensor& actions, double lambda);

// lambda after `done` of `total` policy steps: start + (end - start) * done / total.
double LambdaAt(double start, double end, double done, double total);

}  // namespace advlab::side_effects
