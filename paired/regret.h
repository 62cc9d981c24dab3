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
//   repaired   as paired, on the levels the teacher designs (new-level iterations)
//   plr, plr_perp, accel: no teacher; levels are random or replayed (ued_runner.h)
#include <string>
#include <vector>

namespace advlab::paired {

enum class UedMethod {
  kDomainRandomization,
  kPaired,
  kFlexiblePaired,
  kMinimax,
  kPlr,
  kPlrPerp,
  kAccel,
  kRepaired
};

// dr | paired | flexible | minimax | plr | plr_perp | accel | repaired
UedMethod UedMethodFromName(const std::string& name);
std::string UedMethodName(UedMethod method);
const std::vector<std::string>& UedMethodNames();
bool UsesAntagonist(UedMethod method);
bool UsesTeacher(UedMethod method);
bool UsesLevelReplay(UedMethod method);
// PLR-perp's rule: students learn only from replayed levels.
bool TrainsOnlyOnReplay(UedMethod method);

struct LevelScore {
  double mean = 0, max = 0;
};

double TeacherReward(UedMethod method, const LevelScore& protagonist, const LevelScore& antagonist,
                     bool clip_at_zero, bool minimax_uses_max = false);

}  // namespace advlab::paired
