// `advlab language feedback`: learning a reward from linguistic feedback
// (language/), with the run-directory and report conventions of the others.
#include <cstdio>

#include "core/error.h"
#include "language/feedback_job.h"
#include "tools/commands.h"
#include "tools/job.h"
#include "tools/job_setup.h"

namespace advlab {
namespace {

namespace lang = language;

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

}  // namespace

const Job& LanguageFeedbackJob() {
  static const Job job{"language_feedback", "language feedback", kHelp, Check, Run};
  return job;
}

int LanguageCommand(const Args& argv) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h") {
    std::fputs(kHelp, argv.empty() ? stderr : stdout);
    return argv.empty() ? 2 : 0;
  }
  if (argv[0] != "feedback") {
    throw InputError("language: unknown action '" + argv[0] +
                     "' (feedback; narration shaping is not built yet)");
  }
  return RunJobCommand(LanguageFeedbackJob(), ParseJobArgs(Args(argv.begin() + 1, argv.end())));
}

}  // namespace advlab
