#include "rl/data_parallel.h"

#include "core/check.h"

namespace advlab::rl {

WorldShard WorldShard::Of(int64_t worlds, int rank, int ranks) {
  ADVLAB_CHECK_GE(ranks, 1);
  ADVLAB_CHECK(rank >= 0 && rank < ranks);
  const int64_t begin = worlds * rank / ranks, end = worlds * (rank + 1) / ranks;
  return {begin, end - begin, worlds};
}

DataParallel HoldingWorlds(DataParallel parallel, int64_t worlds) {
  if (parallel.shard.total == 0) parallel.shard = WorldShard::Whole(worlds);
  ADVLAB_CHECK_EQ(parallel.shard.count, worlds);
  return parallel;
}

}  // namespace advlab::rl
