// `advlab language feedback|shaping`: learning a reward from linguistic
// feedback and narration-based reward shaping (language/), with the
// run-directory and report conventions of the others.
#include <cstdio>

#include "core/error.h"
#include "language/feedback_job.h"
#include "language/narration_job.h"
#include "tools/commands.h"
#include "tools/job.h"
#include "tools/job_setup.h"

namespace advlab {
namespace {

namespace lang = language;

constexpr const char* kUsage =
    R"(usage: advlab language feedback [--config FILE] [--out DIR] [key=value ...]
       advlab language shaping [--config FILE] [--out DIR] [key=value ...]

feedback: learning a reward from linguistic feedback (Sumers et al. 2021).
shaping:  narration-based reward shaping (Waytowich et al.).
`advlab language ACTION --help` describes each.
)";

constexpr const char* kHelp =
    R"(usage: advlab language feedback [--config FILE] [--out DIR] [key=value ...]

Learning rewards from linguistic feedback (Sumers et al. 2021): a simulated
teacher with hidden reward weights over the objects' colours and shapes says
one sentence after each episode (evaluative "great job", imperative "you
should have picked the red circle", descriptive "blue things are bad"); the
learner reads it with a lexicon (language/data/feedback_language.yaml) and
updates a Laplace posterior over the weights as a literal or a pragmatic
listener. Reports the regret of the learned policy against the number of
messages per form and listener over task.seeds teachers.
Default config: configs/language_feedback.yaml (keys: language/feedback_options.h).

Writes config.yaml, manifest.json, curves.csv, interpreter.csv,
unknown_words.csv, examples.csv, figures/ and report.html.
)";

auto SetUp(const JobArgs& args) {
  auto setup =
      SetUpJob<lang::FeedbackOptions>("language_feedback", args, lang::ReadFeedbackOptions);
  lang::CheckFeedbackInputs(setup.options);
  return setup;
}

void Check(const JobArgs& args) { SetUp(args); }

std::string Run(const JobArgs& args, const std::optional<std::filesystem::path>& out) {
  auto setup = SetUp(args);
  report::RunDir run = StartRun("language_feedback", args, setup.config, setup.options.seed, out);
  const lang::FeedbackSummary summary =
      RecordFailure(run, [&] { return lang::RunFeedbackJob(setup.options, run.path()); });
  run.Finish();
  std::printf("language feedback: %.1f s; regret after %d messages (literal / pragmatic):\n",
              summary.seconds, setup.options.messages);
  for (lang::Form form : lang::kForms) {
    const int f = static_cast<int>(form);
    std::printf("  %-12s %.3f / %.3f\n", lang::FormName(form).c_str(), summary.final_regret[f][0],
                summary.final_regret[f][1]);
  }
  std::printf("  held-out phrasings read correctly: %.3f\n", summary.held_out_accuracy);
  std::printf("language feedback: report %s\n", (run.path() / "report.html").c_str());
  return run.path().string();
}

constexpr const char* kShapingHelp =
    R"(usage: advlab language shaping [--config FILE] [--out DIR] [key=value ...]

Narration-based reward shaping (Waytowich et al.): a maze with coloured
landmarks to visit in order; a grounding model (the lab's dual encoder) is
trained contrastively on states labelled by a program, then PPO learns the
task from its sparse reward alone, with a bonus each time the grounding model
reads the state as the narration's next step ("go to the red square"), and
with that bonus from the program itself (oracle). Narration phrasings are
held out from the grounding model's training by default.
Default config: configs/language_shaping.yaml (keys: language/narration_options.h).

Writes config.yaml, manifest.json, curves.csv, curve_summary.csv, final.csv,
grounding.csv (with the narration condition), images/, figures/ and
report.html.
)";

auto SetUpShaping(const JobArgs& args) {
  auto setup =
      SetUpJob<lang::NarrationOptions>("language_shaping", args, lang::ReadNarrationOptions);
  lang::ResolveNarrationInputs(setup.options);
  return setup;
}

void CheckShaping(const JobArgs& args) { SetUpShaping(args); }

std::string RunShaping(const JobArgs& args, const std::optional<std::filesystem::path>& out) {
  auto setup = SetUpShaping(args);
  report::RunDir run = StartRun("language_shaping", args, setup.config, setup.options.seed, out);
  const lang::NarrationSummary summary = RecordFailure(run, [&] {
    return lang::RunNarrationJob(setup.options, run.path(), [](const std::string& line) {
      std::printf("language shaping: %s\n", line.c_str());
      std::fflush(stdout);
    });
  });
  run.Finish();
  std::printf("language shaping: %.1f s; success on fresh layouts (mean ± sd over seeds):\n",
              summary.seconds);
  for (const lang::ConditionSpread& c : summary.conditions) {
    if (c.success.size() == 1) {
      std::printf("  %-10s %.3f (1 seed)\n", lang::ShapingName(c.shaping).c_str(), c.mean);
    } else {
      std::printf("  %-10s %.3f ± %.3f\n", lang::ShapingName(c.shaping).c_str(), c.mean, c.sd);
    }
  }
  if (summary.held_out_accuracy >= 0) {
    std::printf("  grounding on held-out phrasings: accuracy %.3f, recall %.3f\n",
                summary.held_out_accuracy, summary.held_out_recall);
  }
  std::printf("language shaping: report %s\n", (run.path() / "report.html").c_str());
  return run.path().string();
}

}  // namespace

const Job& LanguageShapingJob() {
  static const Job job{"language_shaping", "language shaping", kShapingHelp, CheckShaping,
                       RunShaping};
  return job;
}

const Job& LanguageFeedbackJob() {
  static const Job job{"language_feedback", "language feedback", kHelp, Check, Run};
  return job;
}

int LanguageCommand(const Args& argv) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h") {
    std::fputs(kUsage, argv.empty() ? stderr : stdout);
    return argv.empty() ? 2 : 0;
  }
  const Args rest(argv.begin() + 1, argv.end());
  if (argv[0] == "feedback") return RunJobCommand(LanguageFeedbackJob(), ParseJobArgs(rest));
  if (argv[0] == "shaping") return RunJobCommand(LanguageShapingJob(), ParseJobArgs(rest));
  throw InputError("language: unknown action '" + argv[0] + "' (feedback, shaping)");
}

}  // namespace advlab
