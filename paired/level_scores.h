#pragma once
// How much a student can still learn on a level, from one rollout on it
// (Jiang et al. 2021; implementer reference ued_replay.md section 1). For an
// episode covering steps s..f-1, n = f - s, with GAE advantages A_t, values
// V_t and the undiscounted return G:
//
//   score                        S for one episode                    names in the papers
//   positive_value_loss          (1/n) sum max(A_t, 0)                PVL (PLR, ACCEL)
//   value_l1                     (1/n) sum |A_t|                      L1 value loss (dcd default)
//   signed_value_loss            (1/n) sum A_t                        "gae"
//   grounded_signed_value_loss   (1/n) sum (G* - V_t)                 MaxMC (minimax, jaxued)
//   grounded_positive_value_loss (1/n) sum max(G* - V_t, 0)
//
// G* is the best return ever seen on the level: the slot's stored value and
// every episode completed so far. As in dcd, episodes are scored in order:
// the first completed one decides whether a new level enters the buffer, and
// the last one sets the level's score (alpha = 1). The unfinished
// tail of the rollout is scored as if it were complete only when `score_tail`
// (handle_timelimits false); a level with no scored episode keeps its old
// score, and a new one is not admitted. Torch-free: arrays are time-major
// [T, N] (values [T + 1, N], the last row unused).
#include <string>
#include <vector>

namespace advlab::paired {

enum class ScoreFunction {
  kPositiveValueLoss,
  kValueL1,
  kSignedValueLoss,
  kGroundedSignedValueLoss,
  kGroundedPositiveValueLoss
};

// Throws std::invalid_argument for an unknown name; "max_mc" is the grounded signed score.
ScoreFunction ScoreFunctionFromName(const std::string& name);
const std::vector<std::string>& ScoreFunctionNames();

struct ReplayScore {
  bool scored = false;     // at least one episode was scored
  double score = 0;        // the last scored episode's: what a buffered level keeps
  double first_score = 0;  // the first scored episode's: what decides a new level's admission
  double max_return = 0;   // G* after this rollout
};

struct RolloutView {
  const float* advantages;  // [T, N]
  const float* values;      // [T + 1, N]
  const float* rewards;     // [T, N]
  const float* dones;       // [T, N]
  int steps, worlds;
};

// `stored_max_return[n]`: the slot's G* for world n's level, or -infinity
// for a new level (may be null: all new).
std::vector<ReplayScore> ScoreLevels(ScoreFunction function, const RolloutView& rollout,
                                     const double* stored_max_return, bool score_tail);

}  // namespace advlab::paired
