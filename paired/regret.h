#pragma once
// The teacher's reward per level, from the students' returns on it
// (reference section 1.2). P = protagonist, A = antagonist; mean and max are
// over the episodes each completed on the level (0 when none).
//
//   estimator  reward                                            source
//   paired     A_max - P_mean (clipped at 0 when clip)           dcd, minimax (google: unclipped)
//   flexible   P_max > A_max ? P_max - A_mean : A_max - P_mean   google flexible_protagonist, dcd
//   minimax    -P_mean, or -P_max with use_max                   google (mean), dcd (max)
//   dr         none: the levels are random
#include <string>
#include <vector>

namespace advlab::paired {

enum class UedMethod { kDomainRandomization, kPaired, kFlexiblePaired, kMinimax };

UedMethod UedMethodFromName(const std::string& name);  // dr | paired | flexible | minimax
std::string UedMethodName(UedMethod method);
bool UsesAntagonist(UedMethod method);

struct LevelScore {
  double mean = 0, max = 0;
};

double TeacherReward(UedMethod method, const LevelScore& protagonist, const LevelScore& antagonist,
                     bool clip_at_zero, bool minimax_uses_max = false);

}  // namespace advlab::paired
