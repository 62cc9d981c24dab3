#include "adversarial/attack_spec.h"

namespace advlab::adversarial {

std::string MethodName(AttackMethod method) {
  switch (method) {
    case AttackMethod::kFgsm:
      return "fgsm";
    case AttackMethod::kPgd:
      return "pgd";
    case AttackMethod::kApgd:
      return "apgd";
    case AttackMethod::kApgdDlr:
      return "apgd_dlr";
    case AttackMethod::kApgdT:
      return "apgd_t";
    case AttackMethod::kSquare:
      return "square";
    case AttackMethod::kFab:
      return "fab";
    case AttackMethod::kFabT:
      return "fab_t";
    case AttackMethod::kEnsemble:
      return "ensemble";
    case AttackMethod::kFort:
      return "fort";
  }
  return "unknown";
}

std::string NormName(Norm norm) { return norm == Norm::kL2 ? "l2" : "linf"; }

std::string AttackSpec::Name() const {
  return method == AttackMethod::kFort ? MethodName(method)
                                       : MethodName(method) + "_" + NormName(norm);
}

std::optional<AttackKind> ParseAttackName(const std::string& name) {
  if (name == "fort") return AttackKind{AttackMethod::kFort, Norm::kLinf};
  for (AttackMethod method :
       {AttackMethod::kFgsm, AttackMethod::kPgd, AttackMethod::kApgd, AttackMethod::kApgdDlr,
        AttackMethod::kApgdT, AttackMethod::kSquare, AttackMethod::kFab, AttackMethod::kFabT,
        AttackMethod::kEnsemble}) {
    for (Norm norm : {Norm::kLinf, Norm::kL2}) {
      if (name == MethodName(method) + "_" + NormName(norm)) return AttackKind{method, norm};
    }
  }
  return std::nullopt;
}

}  // namespace advlab::adversarial
