// End-to-end: `advlab clip train` and `advlab attack` as a user runs them.
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/binomial.h"
#include "core/csv_reader.h"
#include "tests/temp_dir.h"
#include "tests/tools/key_numbers.h"
#include "tests/tools/run_advlab.h"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;
using advlab::testing::KeyNumber;
using advlab::testing::ParseRateWithInterval;
using advlab::testing::Printed;
using advlab::testing::Run;

namespace {

const std::string kConfigs = std::string(ADVLAB_SOURCE_DIR) + "/configs/";

}  // namespace

TEST_CASE("clip train and attack write every promised file", "[cli][adversarial]") {
  advlab::testing::TempDir dir;
  fs::path clip = dir / "clip";
  auto trained = Run("clip train --config " + kConfigs + "clip_smoke.yaml --out " + clip.string());
  INFO(trained.output);
  REQUIRE(trained.status == 0);
  for (const char* file : {"config.yaml", "manifest.json", "metrics.csv", "zero_shot.csv",
                           "checkpoints/model.pt", "figures/training.svg", "report.html"}) {
    INFO(file);
    CHECK(fs::exists(clip / file));
  }
  auto zero_shot = advlab::core::ReadCsv(clip / "zero_shot.csv");
  CHECK(zero_shot.rows.size() == 5 + 1);  // five label sets, and the names ensemble
  CHECK(zero_shot.Cell(zero_shot.rows[4], "trained") == "false");
  // The card's zero-shot accuracy is zero_shot.csv's, with its Wilson interval.
  {
    const auto& names = zero_shot.rows[0];
    const double n = zero_shot.Number(names, "images");
    const double accuracy = zero_shot.Number(names, "accuracy");
    const auto card = ParseRateWithInterval(KeyNumber(clip, "zero-shot accuracy, names"));
    const advlab::core::Interval interval =
        advlab::core::WilsonInterval(std::round(accuracy * n), n);
    CHECK(card.value == Printed(accuracy));
    CHECK(card.low == Printed(interval.low));
    CHECK(card.high == Printed(interval.high));
  }

  fs::path attack = dir / "attack";
  auto attacked = Run("attack --config " + kConfigs + "attack_smoke.yaml --out " + attack.string() +
                      " model.checkpoint=" + (clip / "checkpoints" / "model.pt").string() +
                      " sweep.linf_epsilons_255=[8,16]");
  INFO(attacked.output);
  REQUIRE(attacked.status == 0);
  for (const char* file :
       {"sweep.csv", "confusion.csv", "relabel_summary.csv", "relabel_pairs.csv",
        "adversarial_grid.png", "figures/accuracy_linf.svg", "figures/accuracy_l2.svg",
        "figures/transfer_summary.svg", "figures/transfer_synonyms.svg",
        "figures/confusion_linf.svg", "adversarial_examples.csv", "report.html"}) {
    INFO(file);
    CHECK(fs::exists(attack / file));
  }
  auto sweep = advlab::core::ReadCsv(attack / "sweep.csv");
  REQUIRE(sweep.rows.size() == 3 * 2 + 1);  // three linf attacks x 2 budgets, pgd_l2 x 1
  for (const auto& row : sweep.rows) {
    double epsilon = sweep.Number(row, "epsilon");
    std::string name = sweep.Cell(row, "attack");
    bool l2 = name.substr(name.size() - 2) == "l2";
    CHECK(sweep.Number(row, l2 ? "max_l2" : "max_linf") <= epsilon + 1e-4);
    CHECK(sweep.Number(row, "robust_accuracy") <= sweep.Number(row, "clean_accuracy") + 1e-9);
  }
  // The card's headline: the strongest attack's robust accuracy at 8/255,
  // with the interval sweep.csv gives that row.
  const advlab::core::CsvRow* strongest = nullptr;
  for (const auto& row : sweep.rows) {
    if (sweep.Cell(row, "epsilon_255") != "8") continue;
    if (!strongest ||
        sweep.Number(row, "robust_accuracy") < sweep.Number(*strongest, "robust_accuracy")) {
      strongest = &row;
    }
  }
  REQUIRE(strongest);
  const auto card = ParseRateWithInterval(KeyNumber(attack, "robust accuracy, L-inf 8/255"));
  CHECK(card.value == Printed(sweep.Number(*strongest, "robust_accuracy")));
  CHECK(card.low == Printed(sweep.Number(*strongest, "robust_accuracy_low")));
  CHECK(card.high == Printed(sweep.Number(*strongest, "robust_accuracy_high")));
  CHECK_THAT(KeyNumber(attack, "robust accuracy, L-inf 8/255"), Contains("["));
  // Grey images are stored as grey: PNG colour type 0 (byte 25, in IHDR).
  const std::string png = advlab::core::ReadFile(attack / "adversarial_grid.png");
  REQUIRE(png.size() > 26);
  CHECK(png[25] == 0);
  // Every label in full, once per example and label set.
  auto examples = advlab::core::ReadCsv(attack / "adversarial_examples.csv");
  CHECK(examples.rows.size() % 5 == 0);
  for (const auto& row : examples.rows) {
    CHECK(examples.Cell(row, "clean_top3").find("..") == std::string::npos);
  }
  // AutoAttack's checks run on every attack job; none trips on this model.
  auto checks = advlab::core::ReadCsv(attack / "checks.csv");
  CHECK(checks.rows.size() == 6);
  for (const auto& row : checks.rows) {
    INFO(checks.Cell(row, "check") << ": " << checks.Cell(row, "detail"));
    CHECK(checks.Cell(row, "raised") == "false");
  }
  // The ensemble logs robust accuracy after each member, never rising.
  fs::path ensemble = dir / "ensemble";
  auto ran = Run("attack --config " + kConfigs + "attack_smoke.yaml --out " + ensemble.string() +
                 " model.checkpoint=" + (clip / "checkpoints" / "model.pt").string() +
                 " sweep.attacks=[ensemble_linf,apgd_linf] sweep.linf_epsilons_255=[8]"
                 " apgd.steps=5 square.queries=40 relabel.images=4 relabel.attack=ensemble_linf"
                 " relabel.epsilon=0.03");
  INFO(ran.output);
  REQUIRE(ran.status == 0);
  auto stages = advlab::core::ReadCsv(ensemble / "ensemble.csv");
  REQUIRE(stages.rows.size() == 4);  // AutoAttack's standard version
  CHECK(stages.Cell(stages.rows[0], "version") == "standard");
  CHECK(stages.Cell(stages.rows[2], "member") == "fab_t_linf");
  CHECK(stages.Cell(stages.rows[3], "member") == "square_linf");
  for (size_t i = 1; i < stages.rows.size(); ++i) {
    CHECK(stages.Number(stages.rows[i], "robust_accuracy") <=
          stages.Number(stages.rows[i - 1], "robust_accuracy"));
  }
  auto ensemble_sweep = advlab::core::ReadCsv(ensemble / "sweep.csv");
  CHECK(ensemble_sweep.Number(ensemble_sweep.rows[0], "robust_accuracy") ==
        Approx(stages.Number(stages.rows[3], "robust_accuracy")).margin(1e-4));
  for (const auto& row : ensemble_sweep.rows) {
    CHECK(ensemble_sweep.Number(row, "min_pixel") >= 0);
    CHECK(ensemble_sweep.Number(row, "max_pixel") <= 1);
    CHECK(ensemble_sweep.Cell(row, "nan_values") == "0");
  }
  // The relabeling test with the untargeted suite: its targets are the
  // classes the adversaries reached.
  CHECK_THAT(advlab::core::ReadFile(ensemble / "report.html"), Contains("untargeted"));
  CHECK(ensemble_sweep.Number(ensemble_sweep.rows[0], "robust_accuracy") <=
        ensemble_sweep.Number(ensemble_sweep.rows[1], "robust_accuracy") + 1e-9);
  auto confusion = advlab::core::ReadCsv(attack / "confusion.csv");
  CHECK(confusion.rows.size() == 7 * 10 * 10);
  auto relabel = advlab::core::ReadCsv(attack / "relabel_summary.csv");
  CHECK(relabel.rows.size() == 5);
  CHECK(relabel.Cell(relabel.rows[0], "label_set") == "names");
}

TEST_CASE("clip and attack reject bad input with status 2", "[cli][adversarial]") {
  advlab::testing::TempDir dir;
  auto no_model =
      Run("attack --config " + kConfigs + "attack_smoke.yaml --out " + (dir / "a").string());
  CHECK(no_model.status == 2);
  CHECK_THAT(no_model.output, Contains("model.checkpoint"));
  CHECK_FALSE(fs::exists(dir / "a"));

  auto missing = Run("attack --config " + kConfigs + "attack_smoke.yaml --out " +
                     (dir / "b").string() + " model.checkpoint=" + (dir / "none.pt").string());
  CHECK(missing.status == 2);
  CHECK_THAT(missing.output, Contains("none.pt"));
  CHECK_FALSE(fs::exists(dir / "b"));

  auto typo = Run("clip train --config " + kConfigs + "clip_smoke.yaml train.epoch=2 --out " +
                  (dir / "c").string());
  CHECK(typo.status == 2);
  CHECK_THAT(typo.output, Contains("train.epoch"));
  CHECK_FALSE(fs::exists(dir / "c"));

  auto no_data = Run("clip train --config " + kConfigs + "clip_smoke.yaml data.root=" +
                     (dir / "nowhere").string() + " --out " + (dir / "d").string());
  CHECK(no_data.status == 2);
  CHECK_THAT(no_data.output, Contains("nowhere"));
  CHECK_FALSE(fs::exists(dir / "d"));

  // Bad keys: exit status 2, the key or value named.
  const std::pair<const char*, const char*> bad_keys[] = {
      {"sweep.attacks=[cw_l2]", "cw_l2"},
      {"labels.templates=[\"a photo\"]", "labels.templates"},
      // AutoAttack refuses a member list together with a named version.
      {"attack.suite=plus ensemble.attacks=[apgd]", "ensemble.attacks"},
      {"attack.suite=strong", "attack.suite"},
      {"attack.suite=custom", "ensemble.attacks"},
      {"attack.suite=custom ensemble.attacks=[apgd,apgd]", "twice"},
      {"attack.suite=custom ensemble.attacks=[apgd_linf]", "no _linf"},
      {"relabel.epsilon=0.03", "relabel.epsilon"},
      {"relabel.attack=apgd_linf relabel.epsilon=0", "relabel.epsilon"}};
  for (const auto& [overrides, named] : bad_keys) {
    INFO(overrides);
    auto bad = Run("attack --config " + kConfigs + "attack_smoke.yaml model.checkpoint=x " +
                   std::string(overrides));
    CHECK(bad.status == 2);
    CHECK_THAT(bad.output, Contains(named));
  }
  CHECK(Run("clip").status == 2);
  CHECK(Run("clip evaluate").status == 2);
  CHECK(Run("clip train --help").status == 0);
  CHECK(Run("attack --help").status == 0);
}

TEST_CASE("Ctrl-C stops an attack sweep between batches and keeps the budgets finished",
          "[cli][adversarial]") {
  advlab::testing::TempDir dir;
  const fs::path clip = dir / "clip";
  REQUIRE(
      Run("clip train --config " + kConfigs + "clip_smoke.yaml --out " + clip.string()).status ==
      0);
  const fs::path run = dir / "attack";
  const std::string config = kConfigs + "attack_smoke.yaml";
  const std::string checkpoint = "model.checkpoint=" + (clip / "checkpoints" / "model.pt").string();
  const std::string log = (dir / "log.txt").string();
  // Many short batches: 64 images in 8s, six budgets, 1,000 PGD steps each.
  const pid_t pid = advlab::testing::StartInBackground(
      {"attack", "--config", config, "--out", run.string(), checkpoint, "sweep.attacks=[pgd_linf]",
       "sweep.batch=8", "pgd.steps=1000", "pgd.early_stop=false",
       "sweep.linf_epsilons_255=[1,2,4,8,16,32]"},
      log);
  // The figures directory appears once the job is inside its sweep.
  const int status = advlab::testing::InterruptWhen(
      pid, [&] { return fs::exists(run / "figures"); }, std::chrono::minutes(2));
  INFO(advlab::core::ReadFile(log));
  CHECK(status == 130);
  auto manifest = nlohmann::json::parse(advlab::core::ReadFile(run / "manifest.json"));
  CHECK(manifest["status"] == "interrupted");
  // sweep.csv holds exactly the budgets that finished, each over every image.
  auto sweep = advlab::core::ReadCsv(run / "sweep.csv");
  CHECK(sweep.rows.size() < 6);
  for (const auto& row : sweep.rows) CHECK(sweep.Cell(row, "images") == "64");
  CHECK_THAT(advlab::core::ReadFile(log), Contains("sweep entries finished"));
}
