#include "paired/regret.h"

#include <algorithm>
#include <stdexcept>

namespace advlab::paired {

const std::vector<std::string>& UedMethodNames() {
  static const std::vector<std::string> names = {"dr",  "paired",   "flexible", "minimax",
                                                 "plr", "plr_perp", "accel",    "repaired"};
  return names;
}

UedMethod UedMethodFromName(const std::string& name) {
  const std::vector<std::string>& names = UedMethodNames();
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    throw std::invalid_argument(
        "unknown ued.method '" + name +
        "' (dr, paired, flexible, minimax, plr, plr_perp, accel, repaired)");
  }
  return static_cast<UedMethod>(it - names.begin());
}

std::string UedMethodName(UedMethod method) {
  return UedMethodNames().at(static_cast<int>(method));
}

bool UsesAntagonist(UedMethod method) {
  return method == UedMethod::kPaired || method == UedMethod::kFlexiblePaired ||
         method == UedMethod::kRepaired;
}

bool UsesTeacher(UedMethod method) {
  return UsesAntagonist(method) || method == UedMethod::kMinimax;
}

bool UsesLevelReplay(UedMethod method) {
  return method == UedMethod::kPlr || TrainsOnlyOnReplay(method);
}

bool TrainsOnlyOnReplay(UedMethod method) {
  return method == UedMethod::kPlrPerp || method == UedMethod::kAccel ||
         method == UedMethod::kRepaired;
}

double TeacherReward(UedMethod method, const LevelScore& p, const LevelScore& a, bool clip_at_zero,
                     bool minimax_uses_max) {
  double reward = 0;
  switch (method) {
    case UedMethod::kDomainRandomization:
    case UedMethod::kPlr:
    case UedMethod::kPlrPerp:
    case UedMethod::kAccel:
      return 0;
    case UedMethod::kMinimax:
      return minimax_uses_max ? -p.max : -p.mean;
    case UedMethod::kPaired:
    case UedMethod::kRepaired:
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
