#pragma once
// Settings of `advlab attack`, read from YAML in one place.
//
//   key                        default              meaning
//   seed                       0                    random starts, targets, noise
//   device                     cpu                  cpu | cuda
//   model.kind                 advlab               advlab (a `clip train` checkpoint)
//                                                   | torchscript
//   model.checkpoint           ""                   advlab: checkpoints/model.pt of a clip run
//   model.torchscript          ""                   torchscript: the model file
//   model.bpe_merges           ""                   torchscript: its BPE merges (plain or .gz)
//   model.resolution           224                  torchscript: input size (bicubic resize inside)
//   model.context              77                   torchscript: text context
//   model.pixel_mean           CLIP's               torchscript: normalisation inside the forward
//   model.pixel_std            CLIP's
//   data.*                     DataOptions; data.test_images defaults to 512 here
//   labels.file                adversarial/data/fashion_mnist_labels.yaml
//   labels.attack_set          names                set A
//   labels.templates           [a photo of a {}]    several: averaged in embedding space
//   sweep.attacks              [fgsm_linf, pgd_linf, apgd_linf, pgd_l2]
//                                                   (also apgd_dlr_, apgd_t_, square_,
//                                                   fab_, fab_t_, ensemble_ with linf or l2)
//   sweep.linf_epsilons_255    [1, 2, 4, 8, 16, 32] linf budgets in 1/255 units
//   sweep.l2_epsilons          [0.25, 0.5, 1, 2]    l2 budgets in pixel units
//   sweep.batch                256                  images per attack batch
//   pgd.steps                  10                   torchattacks' default
//   pgd.restarts               1
//   pgd.relative_step_size     0.25                 alpha = 0.25 epsilon (2/255 at 8/255)
//   pgd.random_start           true
//   pgd.early_stop             true                 freeze an image once fooled
//   apgd.steps                 100                  AutoAttack's APGD-CE
//   apgd.restarts              1                    (also APGD-DLR, APGD-T, the ensemble's)
//   apgd.eot                   1                    gradient passes averaged (EOT)
//   apgd_t.targets             9                    APGD-T's and FAB-T's target classes
//   square.queries             5000                 Square's proposals per image (+1 start)
//   square.p_init              0.8                  Square's first window share
//   fab.alpha_max              0.1                  FAB's largest pull to the clean image
//   fab.overshoot              1.05                 FAB's step past the boundary (eta)
//   fab.step_back              0.9                  FAB's step back after a success (beta)
//   attack.suite               standard             ensemble_linf / _l2: AutoAttack's version,
//                                                   standard | plus | rand | cheap | custom
//                                                   (autoattack_suite.h); apgd_t.targets,
//                                                   square.queries and apgd.eot, when given,
//                                                   override the version's values
//   ensemble.attacks           (custom only)        members in order, e.g. [apgd, fab_t]
//   fort.step_size             0.1                  eta (Fort)
//   fort.steps                 100
//   fort.target_probability    0.9
//   fort.clamp                 false                Fort did not clamp
//   relabel.attack             fort                 fort, a targeted pgd_/apgd_linf or _l2, or
//                                                   ensemble_linf / _l2 (untargeted)
//   relabel.epsilon            0.0627               for a bounded relabel attack
//   relabel.images             256                  first N evaluation images, random targets
//   relabel.sets               []                   label sets B, C, ... ([]: all but set A)
//   report.examples            6                    rows of the adversarial image grid
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "adversarial/attack_spec.h"
#include "adversarial/data_options.h"
#include "adversarial/torchscript_options.h"

namespace advlab::core {
class Config;
}

namespace advlab::adversarial {

struct ModelSource {
  std::string kind = "advlab";
  std::filesystem::path checkpoint;
  TorchScriptOptions torchscript;
};

struct AttackJobOptions {
  uint64_t seed = 0;
  std::string device = "cpu";
  ModelSource model;
  DataOptions data;
  std::filesystem::path labels_file;
  std::string attack_set = "names";
  std::vector<std::string> templates = {"a photo of a {}"};
  std::vector<AttackSpec> sweep;  // one per attack and epsilon
  int batch = 256;
  AttackSpec relabel;
  int relabel_images = 256;
  std::vector<std::string> relabel_sets;
  int examples = 6;
};

AttackJobOptions ReadAttackJobOptions(core::Config& config);

}  // namespace advlab::adversarial
