#include "paired/regret.h"

#include <algorithm>
#include <stdexcept>

namespace advlab::paired {

UedMethod UedMethodFromName(const std::string& name) {
  if (name == "dr") return UedMethod::kDomainRandomization;
  if (name == "paired") return UedMethod::kPaired;
  if (name == "flexible") return UedMethod::kFlexiblePaired;
  if (name == "minimax") return UedMethod::kMinimax;
  throw std::invalid_argument("unknown ued.method '" + name + "' (dr, paired, flexible, minimax)");
}

std::string UedMethodName(UedMethod method) {
  switch (method) {
    case UedMethod::kDomainRandomization:
      return "dr";
    case UedMethod::kPaired:
      return "paired";
    case UedMethod::kFlexiblePaired:
      return "flexible";
    case UedMethod::kMinimax:
      return "minimax";
  }
  return "?";
}

bool UsesAntagonist(UedMethod method) {
  return method == UedMethod::kPaired || method == UedMethod::kFlexiblePaired;
}

double TeacherReward(UedMethod method, const LevelScore& p, const LevelScore& a, bool clip_at_zero,
                     bool minimax_uses_max) {
  double reward = 0;
  switch (method) {
    case UedMethod::kDomainRandomization:
      return 0;
    case UedMethod::kMinimax:
      return minimax_uses_max ? -p.max : -p.mean;
    case UedMethod::kPaired:
      reward = a.max - p.mean;
      break;
    case UedMethod::kFlexiblePaired:
      // The role swap: whichever student did best on the level plays the antagonist.
      reward = p.max > a.max ? p.max - a.mean : a.max - p.mean;
      break;
  }
  return clip_at_zero ? std::max(reward, 0.0) : reward;
}

}  // namespace advlab::paired
