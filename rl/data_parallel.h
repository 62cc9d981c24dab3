#pragma once
// Data parallelism for a learner whose worlds are shared out among ranks
// (the job's ranks under `advlab launch`): rank r simulates the contiguous
// worlds [begin, begin + count) of `total`. Whatever one process would
// compute over all the worlds (a gradient, a mean, a sample) is made from
// the ranks' parts, so N ranks x W/N worlds compute what 1 rank x W worlds
// does, up to the order of floating-point sums. rl/ knows nothing of the
// network: the job hands in the sum over ranks (distributed/collective.h).
#include <torch/torch.h>

#include <cstdint>
#include <functional>

namespace advlab::rl {

struct WorldShard {
  int64_t begin = 0, count = 0, total = 0;

  static WorldShard Whole(int64_t worlds) { return {0, worlds, worlds}; }
  // Rank `rank` of `ranks`: contiguous, sizes differing by at most one.
  static WorldShard Of(int64_t worlds, int rank, int ranks);
  int64_t end() const { return begin + count; }
  bool whole() const { return count == total; }
};

struct DataParallel {
  WorldShard shard;
  // In place: the sum of the tensor over all ranks (every rank calls it, in
  // the same order). Null when one process holds every world.
  std::function<void(torch::Tensor&)> sum;
};

// A learner holding `worlds`: an unset shard means one process holding them
// all; a set one must hold exactly them.
DataParallel HoldingWorlds(DataParallel parallel, int64_t worlds);

}  // namespace advlab::rl
