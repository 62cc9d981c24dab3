#include "adversarial/autoattack_suite.h"

#include <stdexcept>

namespace advlab::adversarial {

std::string SuiteNames() { return "standard, plus, rand, cheap, custom"; }

bool IsSuite(const std::string& name) {
  return name == "standard" || name == "plus" || name == "rand" || name == "cheap" ||
         name == "custom";
}

void ApplySuite(const std::string& suite, AttackSpec* spec) {
  using M = AttackMethod;
  if (!IsSuite(suite)) {
    throw std::invalid_argument("unknown AutoAttack version '" + suite + "' (" + SuiteNames() +
                                ")");
  }
  spec->suite = suite;
  if (suite == "custom") return;
  // autoattack.py's settings for every version, then each one's changes.
  spec->targets = 9;
  spec->queries = 5000;
  spec->eot = 1;
  spec->rescale_schedule = false;
  if (suite == "standard") {
    spec->members = {{M::kApgd}, {M::kApgdT}, {M::kFabT}, {M::kSquare}};
  } else if (suite == "plus") {
    spec->members = {{M::kApgd, 5}, {M::kApgdDlr, 5}, {M::kFab, 5},
                     {M::kSquare},  {M::kApgdT},      {M::kFabT}};
  } else if (suite == "rand") {
    spec->members = {{M::kApgd}, {M::kApgdDlr}};
    spec->eot = 20;
  } else {  // cheap
    spec->members = {{M::kApgd}, {M::kApgdDlr}, {M::kFab}, {M::kSquare}};
    spec->queries = 1000;
    spec->rescale_schedule = true;
  }
}

}  // namespace advlab::adversarial
