#pragma once
// LibTorch's thread pools, set once at start-up. On this class of machine
// small networks run fastest with one intra-op thread per worker (two threads
// under load ran up to 30x slower), so 1/1 is the default; parallelism comes
// from TBB and from concurrent agents instead.
#include <string>

namespace advlab {

// Idempotent: LibTorch allows setting the inter-op pool only once.
void ConfigureTorchThreads(int intra_op, int inter_op);
// at::get_parallel_info(): the BLAS, OpenMP and thread counts in use.
std::string TorchParallelInfo();

}  // namespace advlab
