// End-to-end tests of the advlab program: they run the binary as a user would
// and check exit codes, messages and the files of a run directory.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/binomial.h"
#include "core/csv_reader.h"
#include "report/run_lock.h"
#include "tests/temp_dir.h"
#include "tests/tools/key_numbers.h"
#include "tests/tools/run_advlab.h"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

using advlab::testing::Result;
using advlab::testing::Run;

const std::string kSmoke =
    std::string("--config ") + ADVLAB_SOURCE_DIR + "/configs/forecast_smoke.yaml";

}  // namespace

TEST_CASE("help and version", "[cli]") {
  CHECK(Run("--help").status == 0);
  CHECK_THAT(Run("--help").output, Contains("forecast"));
  CHECK_THAT(Run("--version").output, Contains("advlab 0.1.0"));
  CHECK(Run("forecast --help").status == 0);
  CHECK(Run("report --help").status == 0);
  CHECK(Run("demo --help").status == 0);
  CHECK(Run("nosuchjob").status == 2);
  CHECK(Run("").status == 2);
}

TEST_CASE("forecast writes every promised file and report rebuilds it", "[cli]") {
  advlab::testing::TempDir dir;
  fs::path run = dir / "run";
  Result result = Run("forecast " + kSmoke + " --out " + run.string());
  INFO(result.output);
  REQUIRE(result.status == 0);
  CHECK_THAT(result.output, Contains("late takeoff"));
  for (const char* file :
       {"config.yaml", "manifest.json", "models.csv", "normalised_scores.csv", "skipped_rows.csv",
        "fits.csv", "fit_summary.csv", "bands.csv", "backtest_points.csv", "backtest_mae.csv",
        "forecasts.csv", "report.json", "report.html", "figures/overview.svg",
        "figures/overview.gp", "figures/overview.dat", "figures/backtest_mae.svg",
        "figures/category_arithmetic.svg", "figures/category_all.svg"}) {
    INFO(file);
    CHECK(fs::exists(run / file));
  }
  auto manifest = nlohmann::json::parse(advlab::core::ReadFile(run / "manifest.json"));
  CHECK(manifest["status"] == "complete");
  CHECK_THAT(manifest["torch_parallel_info"].get<std::string>(), Contains("ATen"));
  // The resolved config records defaults too, so the run can be repeated from it.
  std::string config = advlab::core::ReadFile(run / "config.yaml");
  CHECK_THAT(config, Contains("bootstrap: 40"));
  CHECK_THAT(config, Contains("intra_op: 1"));
  auto forecasts = advlab::core::ReadCsv(run / "forecasts.csv");
  CHECK(forecasts.rows.size() == 24);  // 12 categories x 2 levels
  std::string html = advlab::core::ReadFile(run / "report.html");
  CHECK_THAT(html, Contains("<svg"));
  CHECK(html.find("missing:") == std::string::npos);

  // Same config and seed, same numbers.
  fs::path again = dir / "again";
  REQUIRE(Run("forecast " + kSmoke + " --out " + again.string()).status == 0);
  CHECK(advlab::core::ReadFile(run / "forecasts.csv") ==
        advlab::core::ReadFile(again / "forecasts.csv"));

  Result joined = Run("report " + run.string() + " " + again.string() + " --out " +
                      (dir / "joined.html").string());
  REQUIRE(joined.status == 0);
  std::string joined_html = advlab::core::ReadFile(dir / "joined.html");
  CHECK_THAT(joined_html, Contains("Backtests"));
  CHECK(Run("report " + (dir / "nowhere").string() + " --out x.html").status == 2);
  Result twice = Run("forecast " + kSmoke + " --out " + (dir / "twice").string() +
                     " fit.families=[linear,linear]");
  CHECK(twice.status == 2);
  CHECK_THAT(twice.output, Contains("fit.families"));
  CHECK_FALSE(fs::exists(dir / "twice"));
  Result negative = Run("forecast " + kSmoke + " --out " + (dir / "neg").string() +
                        " 'data.ceilings={HellaSwag: -5}'");
  CHECK(negative.status == 2);
  CHECK_THAT(negative.output, Contains("data.ceilings"));
  // An existing report is replaced only with --force.
  CHECK(Run("report " + run.string() + " --out " + (dir / "joined.html").string()).status == 2);
  CHECK(advlab::core::ReadFile(dir / "joined.html") == joined_html);
  CHECK(Run("report " + run.string() + " --force --out " + (dir / "joined.html").string()).status ==
        0);
}

TEST_CASE("bad config input exits with status 2 and names the key", "[cli]") {
  advlab::testing::TempDir dir;
  fs::path out = dir / "never";
  Result unknown = Run("forecast " + kSmoke + " --out " + out.string() + " fit.bootstrp=5");
  CHECK(unknown.status == 2);
  CHECK_THAT(unknown.output, Contains("fit.bootstrp"));
  Result type = Run("forecast " + kSmoke + " --out " + out.string() + " fit.bootstrap=many");
  CHECK(type.status == 2);
  CHECK_THAT(type.output, Contains("fit.bootstrap"));
  Result range = Run("forecast " + kSmoke + " --out " + out.string() + " fit.band=1.5");
  CHECK(range.status == 2);
  CHECK_THAT(range.output, Contains("fit.band"));
  Result choice = Run("forecast " + kSmoke + " --out " + out.string() + " x.axis=params");
  CHECK(choice.status == 2);
  CHECK_THAT(choice.output, Contains("x.axis"));
  CHECK(Run("forecast --config /nonexistent.yaml").status == 2);
  CHECK(Run("forecast --frobnicate").status == 2);
  // Bad input never leaves a half-made run directory behind.
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("a malformed data file exits with status 2 naming file and line", "[cli]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "scores.csv")
      << "model,benchmark,category,value,random_baseline,max_value,loss\n"
         "a,q,QA,30,25,100,2.0\n"
         "b,q,QA,3O,25,100,1.9\n";
  Result result = Run("forecast " + kSmoke + " --out " + (dir / "run").string() + " data.scores=" +
                      (dir / "scores.csv").string() + " data.models= x.loss_source=column");
  CHECK(result.status == 2);
  CHECK_THAT(result.output, Contains("scores.csv:3"));
  CHECK_FALSE(fs::exists(dir / "run"));
}

TEST_CASE("an existing run directory is never overwritten", "[cli]") {
  advlab::testing::TempDir dir;
  fs::create_directories(dir / "run");
  std::ofstream(dir / "run" / "notes.txt") << "mine";
  Result result = Run("forecast " + kSmoke + " --out " + (dir / "run").string());
  CHECK(result.status == 2);
  CHECK_THAT(result.output, Contains("not empty"));
  CHECK(advlab::core::ReadFile(dir / "run" / "notes.txt") == "mine");
}

TEST_CASE("a user CSV with params and tokens runs on the log-FLOP axis", "[cli]") {
  advlab::testing::TempDir dir;
  std::ofstream csv(dir / "family.csv");
  csv << "model,benchmark,category,value,random_baseline,max_value,params,tokens\n";
  const double params[] = {1e8, 3e8, 1e9, 3e9, 1e10};
  const double quiz[] = {27, 30, 36, 47, 61};
  const double cloze[] = {5, 9, 16, 27, 41};
  for (int i = 0; i < 5; ++i) {
    csv << "m" << i << ",quiz,QA," << quiz[i] << ",25,100," << params[i] << ",2e11\n";
    csv << "m" << i << ",cloze,Cloze," << cloze[i] << ",0,100," << params[i] << ",2e11\n";
  }
  csv.close();
  Result result = Run("forecast " + kSmoke + " --out " + (dir / "run").string() +
                      " data.scores=" + (dir / "family.csv").string() +
                      " data.models= x.loss_source=column x.axis=log_flop");
  INFO(result.output);
  REQUIRE(result.status == 0);
  auto fits = advlab::core::ReadCsv(dir / "run" / "fits.csv");
  CHECK(fits.rows.size() == 5 * 5);  // 2 benchmarks + 2 categories + ALL, 5 families
}

TEST_CASE("demo runs every job into one joined report", "[cli]") {
  advlab::testing::TempDir dir;
  const std::string configs = std::string(ADVLAB_SOURCE_DIR) + "/configs/";
  Result result = Run("demo --out " + (dir / "demo").string() +
                      " forecast.fit.bootstrap=20 forecast.plot.grid_points=10"
                      " paired.train.updates=2 paired.ppo.worlds=4 paired.ppo.steps=32"
                      " paired.student.hidden=8 paired.eval.episodes=2 paired.eval.mazes=[Maze]"
                      " accel.train.max_env_steps=1000 accel.ppo.worlds=4 accel.ppo.steps=260"
                      " accel.plr.buffer_size=8 accel.student.hidden=8 accel.eval.episodes=2"
                      " accel.eval.mazes=[Maze] clip.data.train_images=256 clip.data.test_images=64"
                      " clip.model.conv_widths=[4] clip.model.embed_dim=8 clip.model.text_width=8"
                      " clip.model.text_heads=1 clip.model.text_layers=1 clip.train.batch=64"
                      " attack.data.test_images=16 attack.sweep.attacks=[pgd_linf]"
                      " attack.sweep.linf_epsilons_255=[8] attack.relabel.images=8"
                      " attack.fort.steps=3 side_effects.aup.aux_steps=160"
                      " side_effects.train.steps=320 side_effects.agent.hidden=8"
                      " side_effects.eval.episodes=1 side_effects.eval.side_effect_window=20"
                      " language.task.seeds=2 language.task.messages=4 shaping.seeds=1"
                      " shaping.train.updates=3 shaping.grounding.steps=5 shaping.eval.episodes=4"
                      " shaping.ppo.worlds=4 shaping.ppo.steps=16"
                      " shaping.grounding.test_states=20");
  INFO(result.output);
  REQUIRE(result.status == 0);
  CHECK(fs::exists(dir / "demo" / "report.html"));
  CHECK(fs::exists(dir / "demo" / "manifest.json"));
  CHECK(fs::exists(dir / "demo" / "forecast" / "forecasts.csv"));
  CHECK(fs::exists(dir / "demo" / "paired" / "metrics.csv"));
  CHECK(fs::exists(dir / "demo" / "paired" / "eval.csv"));
  CHECK(fs::exists(dir / "demo" / "accel" / "figures" / "buffer.svg"));
  CHECK(fs::exists(dir / "demo" / "clip" / "zero_shot.csv"));
  CHECK(fs::exists(dir / "demo" / "attack" / "relabel_summary.csv"));
  CHECK(fs::exists(dir / "demo" / "side_effects" / "eval.csv"));
  CHECK(fs::exists(dir / "demo" / "language" / "curves.csv"));
  CHECK(fs::exists(dir / "demo" / "shaping" / "final.csv"));
  std::string html = advlab::core::ReadFile(dir / "demo" / "report.html");
  CHECK_THAT(html, Contains("<svg"));
  CHECK(html.find("missing:") == std::string::npos);
  // The joined page links each job's own report.
  for (const char* job :
       {"forecast", "paired", "accel", "clip", "attack", "side_effects", "language", "shaping"}) {
    CHECK_THAT(html, Contains(std::string("<a href=\"") + job + "/report.html\">"));
  }
  CHECK(Run("demo --out " + (dir / "demo2").string() + " fit.bootstrap=3").status == 2);
  // A bad override of the last job is found before the first job runs.
  Result late = Run("demo --out " + (dir / "demo3").string() + " attack.sweep.attacks=[cw_l2]");
  CHECK(late.status == 2);
  CHECK_THAT(late.output, Contains("attack:") && Contains("cw_l2"));
  CHECK_FALSE(fs::exists(dir / "demo3"));
  CHECK_FALSE(fs::exists(dir / "demo2"));
}

TEST_CASE("maze list, show and generate", "[cli][maze]") {
  advlab::testing::TempDir dir;
  Result list = Run("maze list");
  REQUIRE(list.status == 0);
  CHECK_THAT(list.output, Contains("Labyrinth,named,15x15,72,yes,96"));
  CHECK_THAT(list.output, Contains("SmallCorridor,named,15x15,71,yes,13-21"));
  CHECK_THAT(list.output, Contains("PerfectMazeXL"));
  CHECK_THAT(list.output, Contains("dr_uniform"));

  Result show = Run("maze show Maze2 --out " + (dir / "maze2.png").string());
  CHECK(show.status == 0);
  CHECK(fs::file_size(dir / "maze2.png") > 100);

  Result generate = Run("maze generate --generator simple_crossing --count 5 --seed 4 --out " +
                        (dir / "levels").string());
  REQUIRE(generate.status == 0);
  CHECK(fs::exists(dir / "levels" / "gallery.png"));
  CHECK(fs::exists(dir / "levels" / "level_00004.txt"));
  auto metrics = advlab::core::ReadCsv(dir / "levels" / "metrics.csv");
  CHECK(metrics.rows.size() == 5);
  // A generated file shows like a named maze, and the same seed gives the same levels.
  CHECK(Run("maze show " + (dir / "levels" / "level_00000.txt").string() + " --out " +
            (dir / "l0.png").string())
            .status == 0);
  REQUIRE(Run("maze generate --generator simple_crossing --count 5 --seed 4 --out " +
              (dir / "again").string())
              .status == 0);
  CHECK(advlab::core::ReadFile(dir / "levels" / "level_00003.txt") ==
        advlab::core::ReadFile(dir / "again" / "level_00003.txt"));
}

TEST_CASE("maze input errors exit with status 2", "[cli][maze]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "bad.txt") << "#####\n#A.G#\n#.?.#\n#####\n";
  Result bad =
      Run("maze show " + (dir / "bad.txt").string() + " --out " + (dir / "x.png").string());
  CHECK(bad.status == 2);
  CHECK_THAT(bad.output, Contains("bad.txt:3:3"));
  CHECK(Run("maze show NoSuchMaze --out " + (dir / "x.png").string()).status == 2);
  CHECK(Run("maze generate --generator nope --out " + (dir / "g").string()).status == 2);
  CHECK(Run("maze generate --generator dr --count many --out " + (dir / "g").string()).status == 2);
  CHECK(Run("maze frobnicate").status == 2);
  CHECK_FALSE(fs::exists(dir / "x.png"));
}

namespace {

const std::string kDrSmoke =
    std::string("--config ") + ADVLAB_SOURCE_DIR + "/configs/dr_smoke.yaml";

// metrics.csv without the timing columns, which differ between runs.
std::string MetricsWithoutTiming(const fs::path& path) {
  auto table = advlab::core::ReadCsv(path);
  std::string text;
  for (const auto& row : table.rows) {
    for (size_t i = 0; i < table.header.size(); ++i) {
      if (table.header[i] == "sps" || table.header[i] == "wall_seconds") continue;
      text += row.cells[i] + ",";
    }
    text += "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("paired (dr) trains a tiny student and writes every promised file", "[cli][paired]") {
  advlab::testing::TempDir dir;
  fs::path run = dir / "run";
  Result result = Run("paired " + kDrSmoke + " --out " + run.string());
  INFO(result.output);
  REQUIRE(result.status == 0);
  for (const char* file :
       {"config.yaml", "manifest.json", "metrics.csv", "baseline.csv", "checkpoints/latest.pt",
        "checkpoints/update_000002.pt", "checkpoints/update_000004.pt", "figures/students.svg",
        "figures/ppo_entropy.svg", "figures/ppo_clipfrac.svg", "figures/complexity.svg",
        "figures/levels_update_000000.png", "report.json", "report.html"}) {
    INFO(file);
    CHECK(fs::exists(run / file));
  }
  auto metrics = advlab::core::ReadCsv(run / "metrics.csv");
  REQUIRE(metrics.rows.size() == 4);
  for (const char* column :
       {"protagonist_return", "protagonist_episode_length", "protagonist_solved_rate", "entropy",
        "policy_loss", "value_loss", "approx_kl", "clipfrac", "sps"}) {
    CHECK(metrics.HasColumn(column));
  }
  CHECK(metrics.Number(metrics.rows[3], "env_steps") == 4 * 4 * 32);

  // Evaluation of the checkpoint on two held-out mazes.
  Result eval = Run("eval " + (run / "checkpoints" / "latest.pt").string() +
                    " --mazes SixteenRooms,SimpleCrossingS11N5 --episodes 3 --out " +
                    (dir / "eval").string());
  INFO(eval.output);
  REQUIRE(eval.status == 0);
  auto table = advlab::core::ReadCsv(dir / "eval" / "eval.csv");
  REQUIRE(table.rows.size() == 2);
  CHECK(table.Cell(table.rows[0], "maze") == "SixteenRooms");
  CHECK(table.Cell(table.rows[0], "published_dr_25_blocks") == "0.9");
  CHECK(table.Cell(table.rows[0], "published_paired_25_blocks") == "0.67");
  CHECK(table.Cell(table.rows[0], "published_minimax_25_blocks") == "0.09");
  CHECK(table.Cell(table.rows[0], "published_accel_0_60_blocks") == "1");
  double rate = table.Number(table.rows[1], "solve_rate");
  CHECK(rate >= 0);
  CHECK(rate <= 1);
  CHECK(fs::exists(dir / "eval" / "trajectories" / "SixteenRooms.png"));
  CHECK(fs::exists(dir / "eval" / "report.html"));
}

TEST_CASE("a resumed run reaches the same numbers as an uninterrupted one", "[cli][paired]") {
  advlab::testing::TempDir dir;
  REQUIRE(Run("paired " + kDrSmoke + " --out " + (dir / "whole").string()).status == 0);
  // Stop after two updates (the checkpoint), then resume to four.
  REQUIRE(Run("paired " + kDrSmoke + " --out " + (dir / "split").string() + " train.updates=2")
              .status == 0);
  Result resumed = Run("paired --resume " + (dir / "split").string() + " train.updates=4");
  INFO(resumed.output);
  REQUIRE(resumed.status == 0);
  CHECK(MetricsWithoutTiming(dir / "whole" / "metrics.csv") ==
        MetricsWithoutTiming(dir / "split" / "metrics.csv"));
  auto manifest = nlohmann::json::parse(advlab::core::ReadFile(dir / "split" / "manifest.json"));
  CHECK(manifest["status"] == "complete");
  CHECK(manifest["previous_sessions"].size() == 1);
}

TEST_CASE("paired and eval reject bad input with status 2", "[cli][paired]") {
  advlab::testing::TempDir dir;
  CHECK(
      Run("paired " + kDrSmoke + " --out " + (dir / "r").string() + " ppo.minibatches=3").status ==
      2);
  CHECK(Run("paired " + kDrSmoke + " --out " + (dir / "r").string() + " student.recurrent=tcn")
            .status == 2);
  CHECK(
      Run("paired " + kDrSmoke + " --out " + (dir / "r").string() + " ued.method=alp_gmm").status ==
      2);
  CHECK(Run("paired " + kDrSmoke + " --out " + (dir / "r").string() + " teacher_ppo.minibatches=3")
            .status == 2);
  CHECK_FALSE(fs::exists(dir / "r"));
  CHECK(Run("paired --resume " + (dir / "nowhere").string()).status == 2);
  // A checkpoint path that is a directory is no checkpoint.
  fs::create_directories(dir / "odd" / "checkpoints" / "latest.pt");
  CHECK(Run("paired --resume " + (dir / "odd").string()).status == 2);
  Result teacher = Run("eval " + (dir / "any.pt").string() + " --agent teacher");
  CHECK(teacher.status == 2);
  CHECK_THAT(teacher.output, Contains("--agent must be protagonist or antagonist"));
  std::ofstream(dir / "junk.pt") << "junk";
  Result junk = Run("eval " + (dir / "junk.pt").string() + " --mazes Maze --episodes 2 --out " +
                    (dir / "e").string());
  CHECK(junk.status == 2);
  CHECK_THAT(junk.output, Contains("junk.pt"));
  CHECK_FALSE(fs::exists(dir / "e"));
  CHECK(Run("eval " + (dir / "absent.pt").string()).status == 2);
  CHECK(Run("eval " + (dir / "junk.pt").string() + " --mazes NoSuchMaze").status == 2);
}

namespace {
const std::string kPairedSmoke =
    std::string("--config ") + ADVLAB_SOURCE_DIR + "/configs/paired_smoke.yaml";
}

TEST_CASE("a tiny PAIRED run writes every promised file", "[cli][paired]") {
  advlab::testing::TempDir dir;
  fs::path run = dir / "run";
  Result result = Run("paired " + kPairedSmoke + " --out " + run.string());
  INFO(result.output);
  REQUIRE(result.status == 0);
  for (const char* file : {"metrics.csv", "baseline.csv", "checkpoints/latest.pt",
                           "figures/students.svg", "figures/complexity.svg", "figures/passable.svg",
                           "figures/teacher_reward.svg", "figures/levels_update_000000.png",
                           "eval.csv", "trajectories/FourRooms.png", "report.html"}) {
    INFO(file);
    CHECK(fs::exists(run / file));
  }
  auto metrics = advlab::core::ReadCsv(run / "metrics.csv");
  REQUIRE(metrics.rows.size() == 4);
  for (const auto& row : metrics.rows) {
    // PAIRED logs both students, the regret and the level complexity every update.
    CHECK(metrics.OptionalNumber(row, "antagonist_solved_rate"));
    CHECK(metrics.OptionalNumber(row, "regret"));
    CHECK(metrics.Number(row, "teacher_reward") >= 0);  // clipped at 0
    CHECK(metrics.Number(row, "level_walls") <= 6);
    CHECK(metrics.OptionalNumber(row, "level_passable"));
  }
  // The card's held-out solve rate is eval.csv's, pooled over mazes, with
  // the Wilson interval of the pooled episodes; each row carries its own.
  auto eval = advlab::core::ReadCsv(run / "eval.csv");
  double solved = 0, episodes = 0;
  for (const auto& row : eval.rows) {
    const double n = eval.Number(row, "episodes");
    const double k = std::round(eval.Number(row, "solve_rate") * n);
    const advlab::core::Interval interval = advlab::core::WilsonInterval(k, n);
    CHECK(eval.Number(row, "solve_rate_low") == Approx(interval.low).margin(1e-4));
    CHECK(eval.Number(row, "solve_rate_high") == Approx(interval.high).margin(1e-4));
    solved += k;
    episodes += n;
  }
  const auto pooled = advlab::testing::ParseRateWithInterval(
      advlab::testing::KeyNumber(run, "held-out solve rate"));
  const advlab::core::Interval interval = advlab::core::WilsonInterval(solved, episodes);
  CHECK(pooled.value == advlab::testing::Printed(solved / episodes));
  CHECK(pooled.low == advlab::testing::Printed(interval.low));
  CHECK(pooled.high == advlab::testing::Printed(interval.high));
  CHECK(fs::exists(run / "figures" / "solve_rates.svg"));
  // Both students' checkpoints evaluate.
  CHECK(Run("eval " + (run / "checkpoints" / "latest.pt").string() +
            " --agent antagonist --mazes Maze --episodes 2 --out " + (dir / "e").string())
            .status == 0);
}

TEST_CASE("a resumed PAIRED run reaches the same numbers as an uninterrupted one",
          "[cli][paired]") {
  advlab::testing::TempDir dir;
  const std::string fast = " eval.episodes=0";
  REQUIRE(Run("paired " + kPairedSmoke + " --out " + (dir / "whole").string() + fast).status == 0);
  REQUIRE(Run("paired " + kPairedSmoke + " --out " + (dir / "split").string() + fast +
              " train.updates=2")
              .status == 0);
  Result resumed = Run("paired --resume " + (dir / "split").string() + " train.updates=4");
  INFO(resumed.output);
  REQUIRE(resumed.status == 0);
  CHECK(MetricsWithoutTiming(dir / "whole" / "metrics.csv") ==
        MetricsWithoutTiming(dir / "split" / "metrics.csv"));
}

TEST_CASE("the incremental and the dense teacher projection train to the same metrics",
          "[cli][paired]") {
  advlab::testing::TempDir dir;
  for (const char* incremental : {"true", "false"}) {
    REQUIRE(Run("paired " + kPairedSmoke + " --out " + (dir / incremental).string() +
                " train.updates=3 eval.episodes=0 teacher.net.incremental=" + incremental)
                .status == 0);
  }
  auto fast = advlab::core::ReadCsv(dir / "true" / "metrics.csv");
  auto dense = advlab::core::ReadCsv(dir / "false" / "metrics.csv");
  REQUIRE(fast.rows.size() == 3);
  REQUIRE(dense.rows.size() == 3);
  for (size_t r = 0; r < fast.rows.size(); ++r) {
    for (const std::string& column : fast.header) {
      if (column == "sps" || column == "wall_seconds") continue;
      INFO("update " << r << ", " << column);
      const auto a = fast.OptionalNumber(fast.rows[r], column);
      const auto b = dense.OptionalNumber(dense.rows[r], column);
      REQUIRE(a.has_value() == b.has_value());
      if (a) CHECK(*a == Approx(*b).margin(1e-3));
    }
  }
}

TEST_CASE("minimax and flexible runs log what their teachers are paid", "[cli][paired]") {
  advlab::testing::TempDir dir;
  REQUIRE(Run("paired " + kPairedSmoke + " --out " + (dir / "minimax").string() +
              " ued.method=minimax eval.episodes=0")
              .status == 0);
  auto minimax = advlab::core::ReadCsv(dir / "minimax" / "metrics.csv");
  for (const auto& row : minimax.rows) {
    CHECK_FALSE(minimax.OptionalNumber(row, "antagonist_return"));
    CHECK(minimax.Number(row, "teacher_reward") <= 0);  // -P_mean
  }
  REQUIRE(Run("paired " + kPairedSmoke + " --out " + (dir / "flexible").string() +
              " ued.method=flexible eval.episodes=0")
              .status == 0);
}

namespace {
// Level replay on the PAIRED smoke sizes: a buffer of 8 levels (two
// iterations of 4 worlds) that replays from half full; episodes of at most
// 24 steps, so every 32-step rollout completes one and every level is scored.
const std::string kReplaySmoke = kPairedSmoke +
                                 " plr.buffer_size=8 plr.min_fill=0.5 plr.replay_prob=0.9"
                                 " train.updates=8 levels.max_steps=24";
}  // namespace

TEST_CASE("a tiny run of every level-replay method writes every promised file",
          "[cli][paired][replay]") {
  for (const char* method : {"plr", "plr_perp", "accel", "repaired"}) {
    INFO(method);
    advlab::testing::TempDir dir;
    fs::path run = dir / "run";
    Result result =
        Run("paired " + kReplaySmoke + " --out " + run.string() + " ued.method=" + method);
    INFO(result.output);
    REQUIRE(result.status == 0);
    for (const char* file :
         {"metrics.csv", "baseline.csv", "checkpoints/latest.pt", "figures/students.svg",
          "figures/buffer.svg", "figures/buffer_complexity.svg", "figures/levels_update_000000.png",
          "figures/buffer_update_000000.png", "eval.csv", "report.html"}) {
      INFO(file);
      CHECK(fs::exists(run / file));
    }
    auto metrics = advlab::core::ReadCsv(run / "metrics.csv");
    REQUIRE(metrics.rows.size() == 8);
    int replays = 0, learned = 0;
    for (const auto& row : metrics.rows) {
      replays += metrics.Number(row, "replay") == 1;
      learned += metrics.OptionalNumber(row, "policy_loss").has_value();
      CHECK(metrics.Number(row, "buffer_size") <= 8);
      CHECK(metrics.Number(row, "buffer_passable_mass") <= 1.0 + 1e-9);
    }
    CHECK(replays > 0);
    CHECK(replays < 8);  // the first iteration cannot replay
    const bool gated = std::string(method) != "plr";
    CHECK(learned == (gated ? replays : 8));
    CHECK(metrics.Number(metrics.rows.back(), "student_updates") == learned);
  }
}

TEST_CASE("level replay refuses rollouts too short to complete an episode",
          "[cli][paired][replay]") {
  advlab::testing::TempDir dir;
  Result result = Run("paired " + kPairedSmoke + " --out " + (dir / "r").string() +
                      " ued.method=plr_perp levels.max_steps=32");
  CHECK(result.status == 2);
  CHECK(result.output.find("ppo.steps") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "r"));
}

TEST_CASE("a resumed ACCEL run reaches the same numbers as an uninterrupted one",
          "[cli][paired][replay]") {
  advlab::testing::TempDir dir;
  const std::string accel = kReplaySmoke + " ued.method=accel eval.episodes=0";
  REQUIRE(Run("paired " + accel + " --out " + (dir / "whole").string()).status == 0);
  REQUIRE(
      Run("paired " + accel + " --out " + (dir / "split").string() + " train.updates=3").status ==
      0);
  Result resumed = Run("paired --resume " + (dir / "split").string() + " train.updates=8");
  INFO(resumed.output);
  REQUIRE(resumed.status == 0);
  const std::string whole = MetricsWithoutTiming(dir / "whole" / "metrics.csv");
  CHECK(whole == MetricsWithoutTiming(dir / "split" / "metrics.csv"));
  CHECK(whole.find(",1,") != std::string::npos);  // it did replay and edit
}

TEST_CASE("resume rejects overrides the checkpoint fixes, before touching the run",
          "[cli][paired][resume]") {
  advlab::testing::TempDir dir;
  const fs::path run = dir / "run";
  REQUIRE(Run("paired " + kDrSmoke + " --out " + run.string() + " train.updates=2").status == 0);
  const std::string config = advlab::core::ReadFile(run / "config.yaml");
  const std::string manifest = advlab::core::ReadFile(run / "manifest.json");
  const std::string metrics = advlab::core::ReadFile(run / "metrics.csv");
  for (const char* bad :
       {"student.hidden=16", "ppo.worlds=8", "ued.method=plr", "seed=3", "train.updates=1"}) {
    INFO(bad);
    Result result = Run("paired --resume " + run.string() + " " + bad);
    CHECK(result.status == 2);
    const std::string key = std::string(bad).substr(0, std::string(bad).find('='));
    CHECK(result.output.find(key) != std::string::npos);
  }
  CHECK(advlab::core::ReadFile(run / "config.yaml") == config);
  CHECK(advlab::core::ReadFile(run / "manifest.json") == manifest);
  CHECK(advlab::core::ReadFile(run / "metrics.csv") == metrics);
  // A run whose metrics.csv is gone (or cut short) cannot be resumed silently.
  fs::rename(run / "metrics.csv", run / "metrics.saved");
  CHECK(Run("paired --resume " + run.string() + " train.updates=3").status == 2);
  std::ofstream(run / "metrics.csv") << metrics.substr(0, metrics.find('\n') + 1);
  Result short_log = Run("paired --resume " + run.string() + " train.updates=3");
  CHECK(short_log.status == 2);
  CHECK_THAT(short_log.output, Contains("metrics.csv"));
  fs::rename(run / "metrics.saved", run / "metrics.csv");
  // What a resume may change still works.
  CHECK(Run("paired --resume " + run.string() + " train.updates=3 train.gallery_every=1").status ==
        0);
}

TEST_CASE("Ctrl-C stops training after a checkpoint and --resume carries on",
          "[cli][paired][resume]") {
  advlab::testing::TempDir dir;
  const fs::path run = dir / "run";
  const std::string config = std::string(ADVLAB_SOURCE_DIR) + "/configs/dr_smoke.yaml";
  const std::string log = (dir / "log.txt").string();
  const pid_t pid = advlab::testing::StartInBackground(
      {"paired", "--config", config, "--out", run.string(), "train.updates=1000000",
       "train.checkpoint_every=100000", "train.gallery_every=100000"},
      log);
  // Signal once the run has logged two updates (it is then inside training).
  auto logged = [&] {
    std::ifstream in(run / "metrics.csv");
    return std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n');
  };
  const int status = advlab::testing::InterruptWhen(
      pid, [&] { return logged() >= 3; }, std::chrono::minutes(3));
  INFO(advlab::core::ReadFile(log));
  CHECK(status == 130);
  CHECK_THAT(advlab::core::ReadFile(log), Contains("--resume"));
  auto manifest = nlohmann::json::parse(advlab::core::ReadFile(run / "manifest.json"));
  CHECK(manifest["status"] == "interrupted");
  CHECK(fs::exists(run / "checkpoints" / "latest.pt"));
  CHECK(fs::exists(run / "report.html"));
  // The checkpoint covers every logged update: resuming adds exactly one.
  const long updates = static_cast<long>(advlab::core::ReadCsv(run / "metrics.csv").rows.size());
  Result resumed =
      Run("paired --resume " + run.string() + " train.updates=" + std::to_string(updates + 1));
  INFO(resumed.output);
  CHECK(resumed.status == 0);
  CHECK(advlab::core::ReadCsv(run / "metrics.csv").rows.size() == static_cast<size_t>(updates + 1));
  // The interruption stays with the session it ended.
  manifest = nlohmann::json::parse(advlab::core::ReadFile(run / "manifest.json"));
  CHECK(manifest["status"] == "complete");
  CHECK_FALSE(manifest.contains("interrupted"));
  CHECK(manifest["previous_sessions"][0]["status"] == "interrupted");
  CHECK(manifest["previous_sessions"][0].contains("interrupted"));
}

TEST_CASE("a run directory has one writer at a time", "[cli][paired][resume]") {
  advlab::testing::TempDir dir;
  const fs::path run = dir / "run";
  REQUIRE(Run("paired " + kDrSmoke + " --out " + run.string() + " train.updates=2").status == 0);
  const std::string metrics = advlab::core::ReadFile(run / "metrics.csv");
  {
    advlab::report::RunLock held(run);  // as a resume in progress holds it
    Result second = Run("paired --resume " + run.string() + " train.updates=3");
    CHECK(second.status == 2);
    CHECK(second.output.find("another advlab process") != std::string::npos);
    CHECK(advlab::core::ReadFile(run / "metrics.csv") == metrics);
  }
  CHECK(Run("paired --resume " + run.string() + " train.updates=3").status == 0);
}

TEST_CASE("an unreachable goal reads as none, and file outputs are not overwritten",
          "[cli][maze]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "walled.txt") << "#######\n#A.#.G#\n#######\n";
  const std::string png = (dir / "walled.png").string();
  Result show = Run("maze show " + (dir / "walled.txt").string() + " --out " + png);
  REQUIRE(show.status == 0);
  CHECK_THAT(show.output, Contains("shortest path none"));
  const std::string picture = advlab::core::ReadFile(png);
  std::ofstream(png, std::ios::trunc) << "mine";
  Result again = Run("maze show Maze2 --out " + png);
  CHECK(again.status == 2);
  CHECK_THAT(again.output, Contains("--force"));
  CHECK(advlab::core::ReadFile(png) == "mine");
  CHECK(Run("maze show Maze2 --force --out " + png).status == 0);
  CHECK(advlab::core::ReadFile(png) != "mine");
  CHECK(Run("maze show Maze2 --out " + dir.path().string()).status == 2);  // a directory
}

TEST_CASE("compare joins runs over seeds and refuses a bad run before writing", "[cli][paired]") {
  advlab::testing::TempDir dir;
  for (const char* seed : {"0", "1"}) {
    REQUIRE(Run("paired " + kDrSmoke + " --out " + (dir / ("dr-s" + std::string(seed))).string() +
                " seed=" + seed + " eval.episodes=2 eval.mazes=[Maze,FourRooms]")
                .status == 0);
  }
  Result joined = Run("compare " + (dir / "dr-s0").string() + " " + (dir / "dr-s1").string() +
                      " --out " + (dir / "joined").string());
  INFO(joined.output);
  REQUIRE(joined.status == 0);
  auto methods = advlab::core::ReadCsv(dir / "joined" / "methods.csv");
  REQUIRE(methods.rows.size() == 1);
  CHECK(methods.Cell(methods.rows[0], "seeds") == "2");
  CHECK(fs::exists(dir / "joined" / "figures" / "training_solved_rate.svg"));
  Result bad = Run("compare " + (dir / "dr-s0").string() + " " + (dir / "nowhere").string() +
                   " --out " + (dir / "j2").string());
  CHECK(bad.status == 2);
  CHECK_THAT(bad.output, Contains("nowhere"));
  CHECK_FALSE(fs::exists(dir / "j2"));
}

TEST_CASE("paired checks the device, the evaluation mazes and memory before the run exists",
          "[cli][paired]") {
  advlab::testing::TempDir dir;
  auto refused = [&](const std::string& overrides, const std::string& named) {
    INFO(overrides);
    Result result = Run("paired " + kDrSmoke + " --out " + (dir / "r").string() + " " + overrides);
    CHECK(result.status == 2);
    CHECK_THAT(result.output, Contains(named));
    CHECK_FALSE(fs::exists(dir / "r"));
  };
  refused("ppo.worlds=1048576 ppo.steps=1048576", "ppo.worlds x ppo.steps");
  refused("eval.episodes=2 eval.mazes=[Maze,NoSuchMaze]", "NoSuchMaze");
  // Without CUDA (the CI machine) device=cuda is refused up front; with it, it runs.
  Result cuda = Run("paired " + kDrSmoke + " --out " + (dir / "c").string() + " device=cuda");
  if (cuda.status != 0) {
    CHECK(cuda.status == 2);
    CHECK_FALSE(fs::exists(dir / "c"));
  }
}
