#include "adversarial/attack_options.h"

#include <algorithm>
#include "adversarial/autoattack_suite.h"
#include "adversarial/clip_options.h"

#include "core/config.h"

namespace advlab::adversarial {
namespace {

// Each method's defaults: torchattacks' PGD, AutoAttack's APGD-CE, Fort's descent.
struct MethodSettings {
  AttackSpec pgd;
  AttackSpec apgd = [] {
    AttackSpec spec;
    spec.method = AttackMethod::kApgd;
    spec.steps = 100;
    return spec;
  }();
  AttackSpec fort = [] {
    AttackSpec spec;
    spec.method = AttackMethod::kFort;
    spec.targeted = true;
    spec.step_size = 0.1;
    spec.steps = 100;
    return spec;
  }();
  AttackSpec ensemble;  // apgd's settings with an AutoAttack version's changes
  double relative_step = 0.25;
};

struct SweepDefaults {
  std::vector<std::string> attacks = {"fgsm_linf", "pgd_linf", "apgd_linf", "pgd_l2"};
  std::vector<double> linf_epsilons_255 = {1, 2, 4, 8, 16, 32};
  std::vector<double> l2_epsilons = {0.25, 0.5, 1, 2};
  std::string relabel_attack = "fort";
  double relabel_epsilon = 16.0 / 255;
};

// attack.suite (autoattack_suite.h) over APGD's settings; keys given
// explicitly (apgd_t.targets, square.queries, apgd.eot) override the
// version's values, as setting an attack's attribute does in autoattack.py.
AttackSpec ReadEnsemble(core::Config& config, const AttackSpec& apgd) {
  AttackSpec e = apgd;
  e.method = AttackMethod::kEnsemble;
  const bool listed = config.Has("ensemble.attacks");
  const std::string suite = config.Choice("attack.suite", listed ? "custom" : "standard",
                                          {"standard", "plus", "rand", "cheap", "custom"});
  if (listed && suite != "custom") {
    config.Fail("ensemble.attacks",
                "lists members, but attack.suite is '" + suite + "' (set it to custom)");
  }
  if (suite == "custom") {
    if (!listed) config.Fail("ensemble.attacks", "a custom ensemble needs its members listed");
    e.members.clear();
    for (const std::string& name : config.Strings("ensemble.attacks", {})) {
      std::optional<AttackKind> kind = ParseAttackName(name + "_linf");
      if (!kind || kind->method == AttackMethod::kEnsemble || kind->method == AttackMethod::kFort ||
          kind->method == AttackMethod::kFgsm) {
        config.Fail("ensemble.attacks",
                    "unknown member '" + name +
                        "' (apgd, apgd_dlr, apgd_t, fab, fab_t, square, pgd; no _linf or _l2: "
                        "the ensemble's budget sets the norm)");
      }
      for (const EnsembleMember& m : e.members) {
        if (m.method == kind->method) config.Fail("ensemble.attacks", "lists '" + name + "' twice");
      }
      // autoattack.py always runs FAB-T with one restart per target.
      e.members.push_back({kind->method, kind->method == AttackMethod::kFabT ? 1 : apgd.restarts});
    }
    if (e.members.empty()) config.Fail("ensemble.attacks", "needs at least one attack");
  }
  ApplySuite(suite, &e);
  if (config.Has("apgd_t.targets")) e.targets = apgd.targets;
  if (config.Has("square.queries")) e.queries = apgd.queries;
  if (config.Has("apgd.eot")) e.eot = apgd.eot;
  return e;
}

MethodSettings ReadMethodSettings(core::Config& config, uint64_t seed) {
  // The defaults are the literature's (attack_options.h), kept in MethodSettings.
  MethodSettings m;
  m.pgd.seed = m.apgd.seed = seed;
  m.pgd.steps = static_cast<int>(config.Int("pgd.steps", m.pgd.steps, 1, 100000));
  m.pgd.restarts = static_cast<int>(config.Int("pgd.restarts", m.pgd.restarts, 1, 1000));
  m.relative_step = config.Number("pgd.relative_step_size", m.relative_step, 1e-6, 10);
  m.pgd.random_start = config.Bool("pgd.random_start", m.pgd.random_start);
  m.pgd.early_stop = config.Bool("pgd.early_stop", m.pgd.early_stop);
  m.apgd.steps = static_cast<int>(config.Int("apgd.steps", m.apgd.steps, 1, 100000));
  m.apgd.restarts = static_cast<int>(config.Int("apgd.restarts", m.apgd.restarts, 1, 1000));
  // The AutoAttack family shares APGD's steps and restarts.
  m.apgd.targets = static_cast<int>(config.Int("apgd_t.targets", m.apgd.targets, 1, 1000));
  m.apgd.eot = static_cast<int>(config.Int("apgd.eot", m.apgd.eot, 1, 1000));
  m.apgd.queries = static_cast<int>(config.Int("square.queries", m.apgd.queries, 1, 1000000));
  m.apgd.p_init = config.Number("square.p_init", m.apgd.p_init, 1e-6, 1.0);
  m.apgd.alpha_max = config.Number("fab.alpha_max", m.apgd.alpha_max, 0.0, 1.0);
  m.apgd.overshoot = config.Number("fab.overshoot", m.apgd.overshoot, 1.0, 10.0);
  m.apgd.step_back = config.Number("fab.step_back", m.apgd.step_back, 0.0, 1.0);
  m.ensemble = ReadEnsemble(config, m.apgd);
  m.fort.seed = seed;
  m.fort.step_size = config.Number("fort.step_size", m.fort.step_size, 1e-9, 1e6);
  m.fort.steps = static_cast<int>(config.Int("fort.steps", m.fort.steps, 1, 100000));
  m.fort.target_probability =
      config.Number("fort.target_probability", m.fort.target_probability, 0.0, 1.0);
  m.fort.clamp = config.Bool("fort.clamp", m.fort.clamp);
  return m;
}

// A sweep attack ("pgd_linf", ...) at epsilon -> the full spec.
AttackSpec SpecFor(const AttackKind& kind, double epsilon, const MethodSettings& m) {
  const bool autoattack = kind.method != AttackMethod::kFgsm && kind.method != AttackMethod::kPgd;
  AttackSpec spec = kind.method == AttackMethod::kEnsemble ? m.ensemble
                    : autoattack                           ? m.apgd
                                                           : m.pgd;
  spec.method = kind.method;
  spec.norm = kind.norm;
  spec.epsilon = epsilon;
  spec.step_size = m.relative_step * epsilon;
  if (kind.method == AttackMethod::kFabT) spec.restarts = 1;  // as autoattack.py runs it
  return spec;
}

}  // namespace

AttackJobOptions ReadAttackJobOptions(core::Config& config) {
  AttackJobOptions o;
  o.seed = static_cast<uint64_t>(config.Int("seed", static_cast<int64_t>(o.seed), 0, 1LL << 62));
  o.device = config.Choice("device", o.device, {"cpu", "cuda"});

  o.model.kind = config.Choice("model.kind", o.model.kind, {"advlab", "torchscript"});
  if (o.model.kind == "advlab") {
    o.model.checkpoint = config.Path("model.checkpoint", "");
    if (o.model.checkpoint.empty()) {
      config.Fail("model.checkpoint", "names no checkpoint (train one: advlab clip train)");
    }
  } else {
    // The shipped configs name an empty checkpoint, so switching the kind on
    // the command line works; a checkpoint given with torchscript is a mistake.
    if (!config.Path("model.checkpoint", "").empty()) {
      config.Fail("model.checkpoint",
                  "is for model.kind advlab; torchscript reads model.torchscript");
    }
    TorchScriptOptions& ts = o.model.torchscript;
    ts.model = config.Path("model.torchscript", "");
    ts.bpe_merges = config.Path("model.bpe_merges", "");
    if (ts.model.empty()) config.Fail("model.torchscript", "names no TorchScript file");
    if (ts.bpe_merges.empty()) config.Fail("model.bpe_merges", "names no BPE merges file");
    ts.resolution = static_cast<int>(config.Int("model.resolution", ts.resolution, 8, 4096));
    ts.context = static_cast<int>(config.Int("model.context", ts.context, 2, 4096));
    ts.pixel_mean = config.Numbers("model.pixel_mean", ts.pixel_mean, 0, 1);
    ts.pixel_std = config.Numbers("model.pixel_std", ts.pixel_std, 1e-6, 10);
    if (ts.pixel_mean.size() != 3 || ts.pixel_std.size() != 3) {
      config.Fail("model.pixel_mean", "pixel_mean and pixel_std need three values (RGB)");
    }
  }

  o.data = ReadDataOptions(config, /*test_images=*/512);
  o.model.torchscript.input_channels = o.data.channels;

  o.labels_file = config.RequiredPath("labels.file", kDefaultLabelSets);
  o.attack_set = config.String("labels.attack_set", o.attack_set);
  o.templates = config.Strings("labels.templates", o.templates);
  if (o.templates.empty()) config.Fail("labels.templates", "needs at least one template");
  for (const std::string& t : o.templates) {
    // Without a slot every class reads the same prompt: the zero-shot head is then
    // constant and robust accuracy can exceed clean accuracy.
    if (t.find("{}") == std::string::npos) {
      config.Fail("labels.templates", "'" + t + "' has no {} for the class name");
    }
  }

  MethodSettings m = ReadMethodSettings(config, o.seed);
  const SweepDefaults sweep;
  std::vector<AttackKind> attacks;
  for (const std::string& a : config.Strings("sweep.attacks", sweep.attacks)) {
    std::optional<AttackKind> kind = ParseAttackName(a);
    if (!kind || kind->method == AttackMethod::kFort) {
      config.Fail("sweep.attacks",
                  "unknown attack '" + a +
                      "' (fgsm, pgd, apgd, apgd_dlr, apgd_t, fab, fab_t, square or ensemble, each "
                      "_linf or _l2)");
    }
    attacks.push_back(*kind);
  }
  std::vector<double> linf =
      config.Numbers("sweep.linf_epsilons_255", sweep.linf_epsilons_255, 0, 255);
  std::vector<double> l2 = config.Numbers("sweep.l2_epsilons", sweep.l2_epsilons, 0, 1e4);
  for (const AttackKind& kind : attacks) {
    const bool is_l2 = kind.norm == Norm::kL2;
    for (double e : is_l2 ? l2 : linf) o.sweep.push_back(SpecFor(kind, is_l2 ? e : e / 255, m));
  }
  o.batch = static_cast<int>(config.Int("sweep.batch", o.batch, 1, 1 << 20));

  const std::string relabel = config.Choice(
      "relabel.attack", sweep.relabel_attack,
      {"fort", "pgd_linf", "pgd_l2", "apgd_linf", "apgd_l2", "ensemble_linf", "ensemble_l2"});
  const AttackKind relabel_kind = *ParseAttackName(relabel);
  if (relabel_kind.method == AttackMethod::kFort) {
    if (config.Has("relabel.epsilon")) {
      config.Fail("relabel.epsilon", "is a bounded attack's budget; fort has none");
    }
    o.relabel = m.fort;
  } else {
    o.relabel = SpecFor(relabel_kind,
                        config.Number("relabel.epsilon", sweep.relabel_epsilon, 1e-6, 1e4), m);
    // AutoAttack's suite is untargeted: its adversaries' targets are the
    // classes they reach under set A (relabeling.h).
    o.relabel.targeted = relabel_kind.method != AttackMethod::kEnsemble;
  }
  o.relabel_images = static_cast<int>(config.Int("relabel.images", o.relabel_images, 1, 1 << 24));
  o.relabel_sets = config.Strings("relabel.sets", o.relabel_sets);
  o.examples = static_cast<int>(config.Int("report.examples", o.examples, 0, 100));
  return o;
}

}  // namespace advlab::adversarial
