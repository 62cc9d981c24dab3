#include "tools/torch_runtime.h"

// ATen/Parallel.h alone, not torch/torch.h: this file compiles in about two
// seconds instead of thirty.
#include <ATen/Parallel.h>

namespace advlab {

void ConfigureTorchThreads(int intra_op, int inter_op) {
  static bool configured = false;
  if (configured) return;
  configured = true;
  at::set_num_threads(intra_op);
  at::set_num_interop_threads(inter_op);
}

std::string TorchParallelInfo() { return at::get_parallel_info(); }

}  // namespace advlab
