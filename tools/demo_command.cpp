#include <cstdio>
#include <map>

#include "core/build_info.h"
#include "core/error.h"
#include "report/html_report.h"
#include "report/run_dir.h"
#include "tools/commands.h"
#include "tools/job.h"
#include "tools/job_setup.h"

namespace advlab {
namespace {

constexpr const char* kHelp = R"(usage: advlab demo [--out DIR] [JOB.key=value ...]

Runs every module's job on its default config into one directory
(default runs/demo-<UTC time>) with one joined report.html:
  forecast/   GPT-N extrapolation (configs/forecast.yaml)
  paired/     PAIRED in maze worlds (configs/paired.yaml, shortened to 40 updates
              and a 20-episode zero-shot evaluation; the full 1200-update demo is
              `advlab paired`)
  accel/      ACCEL in maze worlds (configs/accel.yaml, shortened to 60 updates'
              worth of student steps with a 256-level buffer)
  clip/       the CLIP-style zero-shot classifier (configs/clip.yaml, one epoch
              instead of three)
  attack/     attacks and Fort's relabeling test on that classifier
              (configs/attack.yaml on 200 test images, APGD with 25 steps)
  side_effects/  AUP in the Game-of-Life world (configs/side_effects.yaml,
              shortened to 16,000 auxiliary and 32,000 policy steps: far too
              few to learn the task; `advlab side-effects` runs the full one)
  language/   rewards from linguistic feedback (configs/language_feedback.yaml)
  shaping/    narration-based reward shaping (configs/language_shaping.yaml, one
              seed of 80 updates instead of three of 300)
  crafting/   Ask Your Humans' imitation agents (configs/crafting.yaml, one seed,
              40 demonstrations per goal and 4 epochs instead of 3 seeds, 300 and 10)
About five minutes on 2 cores (README.md gives each job's measured time).

Overrides are prefixed with the job name, e.g. forecast.fit.bootstrap=200,
paired.train.updates=600, accel.plr.buffer_size=512 or
attack.data.test_images=1000.
)";

// One part of the demo: a job under a name (ACCEL is the paired job on
// configs/accel.yaml) with the demo's budget.
struct DemoJob {
  const char* name;
  const Job& job;
  std::vector<std::string> shortened;  // demo budget; user overrides come after
  const char* model_from = nullptr;    // a job whose checkpoints/model.pt this one attacks
  const char* config = nullptr;        // instead of the job's default config
};

const std::vector<DemoJob>& Jobs() {
  static const std::vector<DemoJob> kJobs = {
      {"forecast", ForecastJob(), {}},
      {"paired",
       PairedJob(),
       {"train.updates=40", "train.checkpoint_every=40", "train.gallery_every=20",
        "eval.episodes=20"}},
      {"accel",
       PairedJob(),
       {"train.max_env_steps=491520", "plr.buffer_size=256", "train.checkpoint_every=100",
        "train.gallery_every=20", "eval.episodes=20"},
       nullptr,
       "configs/accel.yaml"},
      {"clip", ClipTrainJob(), {"train.epochs=1", "train.eval_every=50"}},
      {"attack",
       AttackJob(),
       {"data.test_images=200", "apgd.steps=25", "relabel.images=100"},
       "clip"},
      {"side_effects",
       SideEffectsJob(),
       {"aup.aux_steps=16000", "train.steps=32000", "eval.episodes=3"}},
      {"language", LanguageFeedbackJob(), {}},
      {"shaping",
       LanguageShapingJob(),
       {"seeds=1", "train.updates=80", "grounding.steps=300", "eval.episodes=100"}},
      {"crafting",
       CraftingJob(),
       {"seeds=1", "demos.per_goal=40", "train.epochs=4", "eval.episodes=10"}},
  };
  return kJobs;
}

}  // namespace

int DemoCommand(const Args& argv) {
  JobArgs args = ParseJobArgs(argv);
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (args.config) throw InputError("demo: --config is not accepted; use JOB.key=value overrides");
  if (!args.positional.empty()) {
    throw InputError("demo: unexpected argument '" + args.positional.front() + "'");
  }
  // Overrides are checked before anything is written.
  std::map<std::string, std::vector<std::string>> user_overrides;
  for (const DemoJob& job : Jobs()) user_overrides[job.name];
  for (const std::string& item : args.overrides) {
    std::string prefix = item.substr(0, item.find('.'));
    auto it = user_overrides.find(prefix);
    if (it == user_overrides.end() || item.size() <= prefix.size() + 1) {
      throw InputError("demo: override '" + item +
                       "' must start with a job name (forecast., paired., accel., clip., attack., "
                       "side_effects., language., shaping., crafting.)");
    }
    it->second.push_back(item.substr(prefix.size() + 1));
  }

  // Each job's arguments: its shortened budget, then the user's overrides.
  auto job_args_in = [&](const std::filesystem::path& demo_dir) {
    std::map<std::string, JobArgs> job_args;
    for (const DemoJob& job : Jobs()) {
      if (job.config) job_args[job.name].config = (ProjectHome() / job.config).string();
      std::vector<std::string>& overrides = job_args[job.name].overrides;
      overrides = job.shortened;
      if (job.model_from) {
        overrides.push_back("model.checkpoint=" +
                            (demo_dir / job.model_from / "checkpoints" / "model.pt").string());
      }
      const std::vector<std::string>& user = user_overrides[job.name];
      overrides.insert(overrides.end(), user.begin(), user.end());
    }
    return job_args;
  };
  // Every job's config, options and inputs are checked before the demo
  // writes anything, so a typo in the last job does not cost the first ones.
  {
    std::map<std::string, JobArgs> planned = job_args_in(args.out ? *args.out : "runs/demo");
    for (const DemoJob& job : Jobs()) {
      try {
        job.job.check(planned[job.name]);
      } catch (const InputError& e) {
        throw InputError(std::string(job.name) + ": " + e.what());
      }
    }
  }

  report::RunDir demo = report::RunDir::Create(
      "demo", args.out ? std::optional(std::filesystem::path(*args.out)) : std::nullopt);
  std::map<std::string, JobArgs> job_args = job_args_in(demo.path());

  std::vector<std::string> names;
  for (const DemoJob& job : Jobs()) names.emplace_back(job.name);
  demo.SetManifest("jobs", names);
  demo.Start();
  std::printf("demo: %s\n", demo.path().c_str());

  report::RunReport joined;
  joined.title = "advlab demo";
  std::map<std::string, uint64_t> seeds;
  for (const DemoJob& job : Jobs()) {
    RecordFailure(demo, [&] { return job.job.run(job_args[job.name], demo.path() / job.name); });
    const std::optional<uint64_t> seed = report::ManifestSeed(demo.path() / job.name);
    if (seed) seeds[job.name] = *seed;
    demo.SetManifest("seeds", seeds);
    // Each job's report, its paths made relative to the demo directory.
    report::RunReport part = report::RunReport::Load(demo.path() / job.name);
    // The joined card carries every job's key numbers and warnings.
    for (const report::KeyNumber& number : part.summary) {
      joined.summary.push_back({std::string(job.name) + ": " + number.label, number.value});
    }
    for (const std::string& warning : part.warnings) {
      joined.warnings.push_back(std::string(job.name) + ": " + warning);
    }
    for (report::ReportSection section : part.sections) {
      section.title = part.title + ": " + section.title;
      for (report::ReportBlock& block : section.blocks) {
        if (block.kind != report::ReportBlock::Kind::kText) {
          block.content = std::string(job.name) + "/" + block.content;
        }
      }
      joined.sections.push_back(std::move(section));
    }
  }
  report::WriteRunReport(joined, demo.path());
  demo.Finish();
  std::printf("demo: report %s\n", (demo.path() / "report.html").c_str());
  return 0;
}

}  // namespace advlab
