// One source of truth for configuration: every key in a shipped config is
// one its job reads, and every key a job reads is listed in the table at the
// top of its options headers (key, default, meaning).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "adversarial/attack_options.h"
#include "adversarial/clip_options.h"
#include "core/config.h"
#include "crafting/crafting_options.h"
#include "forecasting/forecast_options.h"
#include "language/feedback_options.h"
#include "language/narration_options.h"
#include "paired/train_options.h"
#include "side_effects/side_effects_options.h"
#include "tools/job_setup.h"

namespace fs = std::filesystem;
using advlab::core::Config;

namespace {

struct Job {
  std::function<void(Config&)> read;
  std::vector<std::string> headers;  // where its keys are documented
  // Overrides that reach every key: each list is one read of the options.
  std::vector<std::vector<std::string>> variants = {{}};
};

const std::map<std::string, Job>& Jobs() {
  static const std::map<std::string, Job> jobs = {
      {"paired",
       {[](Config& c) { advlab::paired::ReadTrainOptions(c); },
        {"paired/train_options.h", "paired/student_net_options.h", "paired/teacher_net_options.h",
         "rl/ppo_settings.h"}}},
      {"forecast",
       {[](Config& c) { advlab::forecasting::ReadForecastOptions(c); },
        {"forecasting/forecast_options.h"}}},
      {"clip",
       {[](Config& c) { advlab::adversarial::ReadClipTrainOptions(c); },
        {"adversarial/clip_options.h", "adversarial/data_options.h"}}},
      {"attack",
       {[](Config& c) { advlab::adversarial::ReadAttackJobOptions(c); },
        {"adversarial/attack_options.h", "adversarial/data_options.h"},
        {{"model.checkpoint=model.pt"},
         {"model.kind=torchscript", "model.torchscript=clip.pt", "model.bpe_merges=bpe.txt",
          "relabel.attack=pgd_linf"}}}},
      {"language_feedback",
       {[](Config& c) { advlab::language::ReadFeedbackOptions(c); },
        {"language/feedback_options.h"}}},
      {"language_shaping",
       {[](Config& c) { advlab::language::ReadNarrationOptions(c); },
        {"language/narration_options.h", "rl/ppo_settings.h"}}},
      {"crafting",
       {[](Config& c) { advlab::crafting::ReadCraftingOptions(c); },
        {"crafting/crafting_options.h"}}},
      {"side_effects",
       {[](Config& c) { advlab::side_effects::ReadSideEffectsOptions(c); },
        {"side_effects/side_effects_options.h", "rl/ppo_settings.h"}}},
  };
  return jobs;
}

std::string JobOf(const std::string& config_name) {
  for (const char* job : {"forecast", "clip", "attack", "side_effects", "language_feedback",
                          "language_shaping", "crafting"}) {
    if (config_name.rfind(job, 0) == 0) return job;
  }
  return "paired";  // dr, paired, plr, plr_perp, accel, repaired
}

std::string HeaderText(const Job& job) {
  std::string text;
  for (const std::string& header : job.headers) {
    std::ifstream in(fs::path(ADVLAB_SOURCE_DIR) / header);
    REQUIRE(in);
    std::stringstream buffer;
    buffer << in.rdbuf();
    text += buffer.str();
  }
  std::ifstream in(fs::path(ADVLAB_SOURCE_DIR) / "tools" / "job_setup.h");  // threads.*
  std::stringstream buffer;
  buffer << in.rdbuf();
  return text + buffer.str();
}

// "student.hidden" is listed as itself, or as "student.*" in the job's table
// with "hidden" in the table of the header that holds those options.
bool Documented(const std::string& key, const std::string& text) {
  if (text.find("//   " + key + " ") != std::string::npos) return true;
  for (size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', dot + 1)) {
    const std::string group = key.substr(0, dot) + ".*";
    const std::string rest = key.substr(dot + 1);
    if (text.find(group) != std::string::npos &&
        (text.find(" " + rest + " ") != std::string::npos ||
         text.find(" " + rest + ";") != std::string::npos)) {
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("every key of every shipped config is read by its job", "[config]") {
  int configs = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(ADVLAB_SOURCE_DIR) / "configs")) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string name = entry.path().filename().string();
    INFO(name);
    const Job& job = Jobs().at(JobOf(name));
    // A config may leave a path to the command line (the demo's attack model).
    Config config = Config::Load(entry.path(), job.variants.front());
    advlab::ApplyThreadSettings(config);
    job.read(config);
    CHECK_NOTHROW(config.RejectUnknownKeys());
    ++configs;
  }
  CHECK(configs >= 19);
}

TEST_CASE("every key a job reads is listed in its options header", "[config]") {
  for (const auto& [name, job] : Jobs()) {
    const std::string text = HeaderText(job);
    for (const std::vector<std::string>& overrides : job.variants) {
      Config config = Config::Load(std::nullopt, overrides);
      advlab::ApplyThreadSettings(config);
      job.read(config);
      for (const std::string& key : config.ReadKeys()) {
        INFO(name << ": " << key);
        CHECK(Documented(key, text));
      }
    }
  }
}
