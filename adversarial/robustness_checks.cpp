#include "adversarial/robustness_checks.h"

#include <algorithm>
#include <cstdio>

namespace advlab::adversarial {
namespace {

std::string Format(const char* format, double a, double b = 0) {
  char text[160];
  std::snprintf(text, sizeof(text), format, a, b);
  return text;
}

bool Uses(const std::vector<AttackSpec>& attacks, AttackMethod method) {
  for (const AttackSpec& spec : attacks) {
    if (spec.method == method) return true;
    if (spec.method == AttackMethod::kEnsemble &&
        std::any_of(spec.members.begin(), spec.members.end(),
                    [method](const EnsembleMember& m) { return m.method == method; })) {
      return true;
    }
  }
  return false;
}

// The most target classes any targeted member (APGD-T, FAB-T) will try.
int MostTargets(const std::vector<AttackSpec>& attacks) {
  int most = 0;
  for (const AttackSpec& spec : attacks) {
    for (AttackMethod targeted : {AttackMethod::kApgdT, AttackMethod::kFabT}) {
      if (Uses({spec}, targeted)) most = std::max(most, spec.targets);
    }
  }
  return most;
}

}  // namespace

std::vector<CheckFlag> CheckModel(const LogitsFn& logits, const torch::Tensor& images,
                                  const torch::Tensor& labels,
                                  const std::vector<AttackSpec>& attacks) {
  std::vector<CheckFlag> flags;
  torch::Tensor outputs;
  {
    // Five passes: the same predictions and, after normalising each output
    // to unit length, outputs within 1e-4 of the last pass. In grad mode,
    // so that a model which needs it (flagged below) is still measured.
    std::vector<torch::Tensor> passes;
    passes.reserve(5);
    for (int i = 0; i < 5; ++i) passes.push_back(logits(images.detach()).detach());
    outputs = passes.back();
    torch::NoGradGuard no_grad;
    const int64_t correct = passes.back().argmax(1).eq(labels).sum().item<int64_t>();
    double largest = 0;
    bool predictions_change = false;
    for (const torch::Tensor& pass : passes) {
      predictions_change |= pass.argmax(1).eq(labels).sum().item<int64_t>() != correct;
      for (const torch::Tensor& other : passes) {
        auto unit = [](const torch::Tensor& o) {
          return o / (o.norm(2, 1, /*keepdim=*/true) + 1e-10);
        };
        largest = std::max(largest, (unit(pass) - unit(other)).norm(2, 1).max().item<double>());
      }
    }
    CheckFlag& flag = flags.emplace_back();
    flag.check = "randomised_outputs";
    // autoattack.py skips this check for its rand version, which is meant
    // for randomised models; the measurement is still reported.
    const bool expected = std::any_of(attacks.begin(), attacks.end(), [](const AttackSpec& a) {
      return a.method == AttackMethod::kEnsemble && a.suite == "rand";
    });
    flag.raised = !expected && (predictions_change || largest > 1e-4);
    flag.detail =
        Format("5 forward passes; largest change of the normalised outputs %.3g", largest) +
        (predictions_change ? "; the number of correct predictions changed" : "") +
        (expected ? "; not raised: the rand version (EOT) is in use" : "");
    flag.meaning =
        "A model with random outputs defeats single-pass gradients: evaluate with expectation "
        "over transformation (AutoAttack's version 'rand').";
  }
  {
    CheckFlag& flag = flags.emplace_back();
    flag.check = "softmax_output";
    const double low = outputs.min().item<double>(), high = outputs.max().item<double>();
    const double sum_error = (outputs.sum(1) - 1).abs().max().item<double>();
    flag.raised = high < 1 + 1e-5 && low > -1e-5 && sum_error < 1e-5;
    flag.detail = Format("outputs in [%.3g, %.3g]", low, high) +
                  Format("; largest |row sum - 1| %.3g", sum_error);
    flag.meaning =
        "Probabilities instead of logits saturate the cross-entropy's gradient: give the "
        "attacks logits.";
  }
  {
    // LibTorch has no trace of autograd calls inside forward (the reference
    // counts calls to grad/backward); a stand-in: such a forward needs grad
    // mode, so it fails or answers differently without it, or leaves it on.
    CheckFlag& flag = flags.emplace_back();
    flag.check = "gradient_inside_forward";
    std::string why;
    try {
      torch::NoGradGuard no_grad;
      torch::Tensor without = logits(images);
      if (without.requires_grad()) why = "the output needs grad under no_grad";
      torch::AutoGradMode enable(true);
      torch::Tensor with = logits(images.detach().requires_grad_(true)).detach();
      const double change = (with - without.detach()).abs().max().item<double>();
      if (why.empty() && change > 1e-4 * std::max(1.0, with.abs().max().item<double>())) {
        why = Format("outputs differ by %.3g with and without grad mode", change);
      }
    } catch (const std::exception& e) {
      why = std::string("the forward pass fails without grad mode: ") + e.what();
    }
    flag.raised = !why.empty();
    flag.detail = flag.raised ? why : "same outputs with and without grad mode";
    flag.meaning =
        "A model that optimises at inference time (a dynamic defence) may not be evaluated "
        "reliably by these attacks: use adaptive attacks.";
  }
  {
    CheckFlag& flag = flags.emplace_back();
    flag.check = "too_few_classes";
    const int64_t classes = outputs.size(1);
    const bool dlr = Uses(attacks, AttackMethod::kApgdDlr),
               targeted = Uses(attacks, AttackMethod::kApgdT);
    const int targets = MostTargets(attacks);
    std::vector<std::string> problems;
    if ((dlr || targeted) && classes <= 2) problems.emplace_back("DLR needs 3 or more classes");
    if (targeted && classes == 3) problems.emplace_back("targeted DLR needs 4 or more classes");
    if ((targeted || Uses(attacks, AttackMethod::kFabT)) && targets + 1 > classes) {
      problems.push_back(std::to_string(targets) + " targets need " + std::to_string(targets + 1) +
                         " classes");
    }
    flag.raised = !problems.empty();
    flag.detail = std::to_string(classes) + " classes";
    for (const std::string& p : problems) flag.detail += "; " + p;
    flag.meaning = "Drop the DLR attacks or lower apgd_t.targets (APGD-T's and FAB-T's).";
  }
  return flags;
}

CheckFlag CheckZeroGradient(int64_t zero_gradient_images, int64_t attacked_images) {
  CheckFlag flag;
  flag.check = "zero_gradient";
  flag.raised = zero_gradient_images > 0;
  flag.detail = std::to_string(zero_gradient_images) +
                " DLR attack starts (each run, target and restart on a correctly classified "
                "image) had an exactly zero gradient; " +
                std::to_string(attacked_images) + " images in the DLR attacks' budgets";
  flag.meaning =
      "Zero gradients suggest gradient masking (e.g. quantised inputs): use BPDA or rely on "
      "Square.";
  return flag;
}

CheckFlag CheckSquareImprovement(const std::vector<EnsembleTrace>& ensembles) {
  CheckFlag flag;
  flag.check = "square_beats_white_box";
  flag.meaning =
      "A black-box attack finding adversaries the gradient attacks missed is a sign of "
      "overestimated robustness: more Square queries or restarts, or an adaptive attack.";
  std::string detail;
  int compared = 0;
  for (const EnsembleTrace& e : ensembles) {
    const auto square = std::find_if(e.members.begin(), e.members.end(), [](const std::string& m) {
      return m.rfind("square", 0) == 0;
    });
    // As the reference: Square and at least two other entries (clean counts).
    if (square == e.members.end() || e.members.size() < 2) continue;
    const size_t at = static_cast<size_t>(square - e.members.begin());
    // Square first: nothing white-box ran before it to compare with.
    if (at == 0) continue;
    ++compared;
    double others = e.clean_accuracy;
    for (size_t i = 0; i < e.members.size(); ++i) {
      if (i != at) others = std::min(others, e.robust_accuracy[i]);
    }
    if (e.robust_accuracy[at] < others - 0.002) {
      flag.raised = true;
      detail += (detail.empty() ? "" : "; ") + e.attack +
                Format(": %.4g after Square, %.4g after the others", e.robust_accuracy[at], others);
    }
  }
  flag.detail = flag.raised ? detail
                : compared > 0
                    ? "Square found nothing the white-box attacks had missed"
                    : "not applicable: no ensemble ran Square after a white-box attack";
  return flag;
}

}  // namespace advlab::adversarial
