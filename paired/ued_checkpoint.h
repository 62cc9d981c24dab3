#pragma once
// The checkpoint schema of UED runs (UedRunner::Save/Load, in
// ued_checkpoint.cpp), one LibTorch archive (nn/checkpoint.h):
//
//   counters/next_update, counters/env_steps, counters/student_updates,
//   counters/replay_iterations
//   rng/levels, rng/replay, rng/editor         std::mt19937_64 states as text
//   protagonist/{net,optimizer,generator,options}
//   antagonist/{...}                           with an antagonist
//   teacher/{net,optimizer,generator,worlds}   with a teacher
//   buffer/protagonist, buffer/antagonist      level buffers as text (level_buffer.h)
//
// `advlab eval` reads only <agent>/net and <agent>/options, so it rebuilds
// a student without knowing the method.
#include <filesystem>
#include <string>

#include "paired/student_net_options.h"

namespace advlab::paired {

// The student's network options as YAML text, and back.
std::string FormatStudentNetOptions(const StudentNetOptions& options);
StudentNetOptions ParseStudentNetOptions(const std::string& yaml, const std::string& source);

// The updates a checkpoint has done (InputError naming the file when it is
// unreadable), so a resume can be checked before anything is written.
int CheckpointedUpdates(const std::filesystem::path& checkpoint);

}  // namespace advlab::paired
