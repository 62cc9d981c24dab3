#pragma once
// The categorical policy, written once (LibTorch 1.13 has no distributions):
// sampling, log-probabilities and entropy of softmax(logits), batched over
// the leading dimension. Everything works from log_softmax, so very negative
// logits give finite entropies (no -inf * 0 = NaN).
#include <torch/torch.h>

#include "rl/data_parallel.h"

namespace advlab::rl {

// One action per row of `logits` [N, A], drawn with `generator`.
torch::Tensor SampleActions(const torch::Tensor& logits, const at::Generator& generator);
// The same draw for the rows `shard` of a batch of shard.total (CPU logits):
// each rank draws every row's random number and uses its own rows', so the
// actions equal those of SampleActions on the whole batch and the generator
// advances as much (data-parallel training, rl/data_parallel.h).
torch::Tensor SampleActions(const torch::Tensor& logits, const at::Generator& generator,
                            const WorldShard& shard);
// log pi(action) per row; `actions` [N] int64.
torch::Tensor LogProbabilities(const torch::Tensor& logits, const torch::Tensor& actions);
// -sum_a pi(a) log pi(a) per row.
torch::Tensor Entropy(const torch::Tensor& logits);

}  // namespace advlab::rl
