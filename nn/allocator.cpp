#include "nn/allocator.h"

#include <malloc.h>

namespace advlab::nn {

void KeepFreedMemory() {
  // 32 MiB is the largest mmap threshold glibc accepts on 64-bit; blocks
  // below it come from the heap, which is trimmed only beyond 1 GiB free.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

}  // namespace advlab::nn
