#pragma once
// An exclusive advisory lock (flock) on a run directory, held by the one
// process that writes it: a second `--resume` of the same run would
// otherwise interleave its metrics and checkpoints with the first's. The
// lock lives in <run>/.lock and is released when the holder exits, however
// it exits (the kernel drops flock locks with the file descriptor).
#include <filesystem>

namespace advlab::report {

class RunLock {
 public:
  // Throws InputError naming the directory when another process holds it.
  explicit RunLock(const std::filesystem::path& run_dir);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace advlab::report
