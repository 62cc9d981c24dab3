#pragma once
// AutoAttack's versions (fra31/auto-attack autoattack.py, set_version) as
// ensemble settings:
//   standard  APGD-CE, APGD-T (9 targets), FAB-T (9 targets), Square (5,000
//             queries); one restart each: the RobustBench evaluation
//   plus      APGD-CE, APGD-DLR, FAB, Square, APGD-T, FAB-T; APGD-CE, APGD-DLR
//             and FAB with 5 restarts
//   rand      APGD-CE and APGD-DLR with each gradient averaged over 20
//             passes (EOT), for models with randomness in the forward pass
//   cheap     the early (2020) quick version: APGD-CE, APGD-DLR, FAB, Square
//             with 1,000 queries on the schedule squeezed to fit them; one
//             restart each
//   custom    the members listed in ensemble.attacks (each once), apgd.restarts each
//             (FAB-T always one, as autoattack.py runs it)
#include <optional>
#include <string>

#include "adversarial/attack_spec.h"

namespace advlab::adversarial {

// The versions' names, for config errors: "standard, plus, rand, cheap, custom".
std::string SuiteNames();
bool IsSuite(const std::string& name);

// Sets spec's members and the settings that differ between versions
// (members' restarts, targets, queries, EOT passes, Square's schedule).
// "custom" keeps spec.members. Throws std::invalid_argument for an unknown name.
void ApplySuite(const std::string& suite, AttackSpec* spec);

}  // namespace advlab::adversarial
