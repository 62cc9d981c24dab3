#include "adversarial/attack_options.h"

#include <algorithm>
#include "adversarial/clip_options.h"

#include "report/config.h"

namespace advlab::adversarial {
namespace {

struct MethodSettings {
  AttackSpec pgd, apgd, fort;
  double relative_step = 0.25;
};

MethodSettings ReadMethodSettings(report::Config& config, uint64_t seed) {
  MethodSettings m;
  m.pgd.seed = m.apgd.seed = m.fort.seed = seed;
  m.pgd.steps = static_cast<int>(config.Int("pgd.steps", 10, 1, 100000));
  m.pgd.restarts = static_cast<int>(config.Int("pgd.restarts", 1, 1, 1000));
  m.relative_step = config.Number("pgd.relative_step_size", m.relative_step, 1e-6, 10);
  m.pgd.random_start = config.Bool("pgd.random_start", true);
  m.pgd.early_stop = config.Bool("pgd.early_stop", true);
  m.apgd.method = "apgd";
  m.apgd.steps = static_cast<int>(config.Int("apgd.steps", 100, 1, 100000));
  m.apgd.restarts = static_cast<int>(config.Int("apgd.restarts", 1, 1, 1000));
  m.fort.method = "fort";
  m.fort.targeted = true;
  m.fort.step_size = config.Number("fort.step_size", 0.1, 1e-9, 1e6);
  m.fort.steps = static_cast<int>(config.Int("fort.steps", 100, 1, 100000));
  m.fort.target_probability = config.Number("fort.target_probability", 0.9, 0.0, 1.0);
  m.fort.clamp = config.Bool("fort.clamp", false);
  return m;
}

// "pgd_linf" at epsilon -> the full spec.
AttackSpec SpecFor(const std::string& name, double epsilon, const MethodSettings& m) {
  size_t cut = name.rfind('_');
  std::string method = name.substr(0, cut), norm = name.substr(cut + 1);
  AttackSpec spec = method == "apgd" ? m.apgd : m.pgd;
  spec.method = method;
  spec.norm = norm;
  spec.epsilon = epsilon;
  spec.step_size = m.relative_step * epsilon;
  return spec;
}

}  // namespace

AttackJobOptions ReadAttackJobOptions(report::Config& config) {
  AttackJobOptions o;
  o.seed = static_cast<uint64_t>(config.Int("seed", 0, 0, 1LL << 62));
  o.device = config.Choice("device", o.device, {"cpu", "cuda"});

  o.model.kind = config.Choice("model.kind", o.model.kind, {"advlab", "torchscript"});
  if (o.model.kind == "advlab") {
    o.model.checkpoint = config.Path("model.checkpoint", "");
    if (o.model.checkpoint.empty()) {
      config.Fail("model.checkpoint", "names no checkpoint (train one: advlab clip train)");
    }
  } else {
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
  const std::vector<std::string> known = {"fgsm_linf", "fgsm_l2",   "pgd_linf",
                                          "pgd_l2",    "apgd_linf", "apgd_l2"};
  std::vector<std::string> attacks =
      config.Strings("sweep.attacks", {"fgsm_linf", "pgd_linf", "apgd_linf", "pgd_l2"});
  for (const std::string& a : attacks) {
    if (std::find(known.begin(), known.end(), a) == known.end()) {
      config.Fail(
          "sweep.attacks",
          "unknown attack '" + a + "' (fgsm_linf, fgsm_l2, pgd_linf, pgd_l2, apgd_linf, apgd_l2)");
    }
  }
  std::vector<double> linf =
      config.Numbers("sweep.linf_epsilons_255", {1, 2, 4, 8, 16, 32}, 0, 255);
  std::vector<double> l2 = config.Numbers("sweep.l2_epsilons", {0.25, 0.5, 1, 2}, 0, 1e4);
  for (const std::string& a : attacks) {
    bool is_l2 = a.substr(a.rfind('_') + 1) == "l2";
    for (double e : is_l2 ? l2 : linf) o.sweep.push_back(SpecFor(a, is_l2 ? e : e / 255, m));
  }
  o.batch = static_cast<int>(config.Int("sweep.batch", o.batch, 1, 1 << 20));

  std::string relabel = config.Choice("relabel.attack", "fort",
                                      {"fort", "pgd_linf", "pgd_l2", "apgd_linf", "apgd_l2"});
  if (relabel == "fort") {
    o.relabel = m.fort;
  } else {
    o.relabel = SpecFor(relabel, config.Number("relabel.epsilon", 16.0 / 255, 0, 1e4), m);
    o.relabel.targeted = true;
  }
  o.relabel_images = static_cast<int>(config.Int("relabel.images", 256, 1, 1 << 24));
  o.relabel_sets = config.Strings("relabel.sets", {});
  o.examples = static_cast<int>(config.Int("report.examples", 6, 0, 100));
  return o;
}

}  // namespace advlab::adversarial
