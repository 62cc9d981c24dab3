#include "language/feedback_job.h"

#include <chrono>
#include <sstream>

#include "language/feedback_experiment.h"
#include "report/figure.h"
#include "report/html_report.h"
#include "report/table.h"

namespace advlab::language {
namespace fs = std::filesystem;
using report::Table;

void CheckFeedbackInputs(const FeedbackOptions& options) {
  LoadFeedbackLanguage(options.language_file);
}

FeedbackSummary RunFeedbackJob(const FeedbackOptions& options, const fs::path& run_dir) {
  const auto started = std::chrono::steady_clock::now();
  const FeedbackLanguage language = LoadFeedbackLanguage(options.language_file);
  const FeedbackResults results = RunFeedbackExperiment(options, language);
  FeedbackSummary summary;

  Table curves({"form", "listener", "messages", "regret_mean", "regret_sd", "seeds"});
  for (const CurvePoint& p : results.curve) {
    curves.AddRow({FormName(p.form), ListenerName(p.listener), std::to_string(p.messages),
                   Table::Num(p.mean, 4), Table::Num(p.sd, 4), std::to_string(p.seeds)});
    if (p.messages == options.messages) {
      summary.final_regret[static_cast<int>(p.form)][static_cast<int>(p.listener)] = p.mean;
    }
  }
  curves.WriteCsv(run_dir / "curves.csv");
  Table interpreter(
      {"phrasings", "form", "utterances", "understood", "correct", "with_unknown_words"});
  int held_out = 0, held_out_correct = 0;
  for (const InterpreterScore& s : results.interpreter) {
    interpreter.AddRow({s.phrasings, FormName(s.form), std::to_string(s.utterances),
                        std::to_string(s.understood), std::to_string(s.correct),
                        std::to_string(s.with_unknown_words)});
    if (s.phrasings == "held_out") {
      held_out += s.utterances;
      held_out_correct += s.correct;
    }
  }
  summary.held_out_accuracy = held_out > 0 ? static_cast<double>(held_out_correct) / held_out : 0;
  interpreter.WriteCsv(run_dir / "interpreter.csv");
  Table unknown({"word", "count"});
  for (const auto& [word, count] : results.unknown_words)
    unknown.AddRow({word, std::to_string(count)});
  unknown.WriteCsv(run_dir / "unknown_words.csv");
  Table examples({"form", "phrasing", "utterance", "reading"});
  for (const std::string& line : results.examples) {
    std::vector<std::string> cells;
    std::istringstream in(line);
    for (std::string cell; std::getline(in, cell, '|');) {
      const size_t a = cell.find_first_not_of(' '), b = cell.find_last_not_of(' ');
      cells.push_back(a == std::string::npos ? "" : cell.substr(a, b - a + 1));
    }
    cells.resize(4);
    examples.AddRow(cells);
  }
  examples.WriteCsv(run_dir / "examples.csv");

  // One panel per form: both listeners' mean regret with a +-1 sd band.
  std::vector<std::pair<std::string, report::Figure>> figures;
  for (Form form : kForms) {
    report::Figure f;
    f.title = FormName(form) + " feedback";
    f.x_label = "messages heard";
    f.y_label = "regret (random choice = 1)";
    f.y_range = std::pair(0.0, 1.2);
    f.width = 480;
    f.height = 340;
    for (Listener listener : {Listener::kLiteral, Listener::kPragmatic}) {
      const std::string colour = listener == Listener::kLiteral ? "#1f77b4" : "#d62728";
      report::Series band, line;
      band.kind = report::Series::Kind::kBand;
      band.color = colour;
      line.kind = report::Series::Kind::kLinePoints;
      line.title = ListenerName(listener) + " listener";
      line.color = colour;
      for (const CurvePoint& p : results.curve) {
        if (p.form != form || p.listener != listener) continue;
        band.x.push_back(p.messages);
        band.y.push_back(p.mean - p.sd);
        band.y_high.push_back(p.mean + p.sd);
        line.x.push_back(p.messages);
        line.y.push_back(p.mean);
      }
      f.series.push_back(band);
      f.series.push_back(line);
    }
    figures.emplace_back("regret_" + FormName(form), f);
  }
  std::string figure_error;
  report::RenderFigures(figures, run_dir / "figures", &figure_error);

  report::RunReport doc;
  doc.title = "Rewards from linguistic feedback";
  for (Form form : kForms) {
    const int f = static_cast<int>(form);
    doc.summary.push_back({FormName(form) + ": regret after " + std::to_string(options.messages) +
                               " messages (literal / pragmatic)",
                           Table::Num(summary.final_regret[f][0], 3) + " / " +
                               Table::Num(summary.final_regret[f][1], 3)});
  }
  doc.summary.push_back(
      {"held-out phrasings read correctly", Table::Num(summary.held_out_accuracy, 3)});
  if (!results.unknown_words.empty()) {
    doc.warnings.push_back(std::to_string(results.unknown_words.size()) +
                           " word(s) the lexicon does not know were heard and ignored "
                           "(unknown_words.csv).");
  }
  report::ReportSection& learning = doc.sections.emplace_back();
  learning.title = "Learning the teacher's reward";
  std::ostringstream text;
  text << options.seeds << " teachers per condition, each with hidden weights w ~ N(0, I) over "
       << language.colours.size() << " colours and " << language.shapes.size()
       << " shapes; episodes of " << options.options << " objects; " << options.messages
       << " messages each. Regret of the learner's greedy choice on " << options.test_episodes
       << " fresh episodes, normalised so that a random choice scores 1 and the best 0; mean and "
          "band of one standard deviation over teachers.";
  learning.Text(text.str());
  for (Form form : kForms) learning.FigureSvg("figures/regret_" + FormName(form) + ".svg").Tiled();
  if (!figure_error.empty()) learning.Text("Figures could not be rendered: " + figure_error);
  learning.TableCsv("curves.csv")
      .Columns(
          {{"regret_mean, regret_sd", "normalised regret over teachers (random = 1, best = 0)"},
           {"messages", "messages heard before the policy was scored"}});
  report::ReportSection& reading = doc.sections.emplace_back();
  reading.title = "How the listener read the teacher";
  reading.Text(
      "Every utterance comes from templates (language file); held-out phrasings are spoken in "
      "half of the messages and were not used to build the lexicon's rules. Correct: the form, "
      "the features and the sign of the sentiment the teacher meant.");
  reading.TableCsv("interpreter.csv")
      .Columns({{"phrasings", "train: the templates the lexicon was written for; held_out: others"},
                {"understood", "utterances read as some form with some features"},
                {"correct", "read with the form, features and sentiment sign the teacher meant"},
                {"with_unknown_words", "utterances holding a word the lexicon does not know"}});
  reading.TableCsv("examples.csv")
      .Columns({{"utterance", "what the simulated teacher said"},
                {"reading", "the interpreter's form, features and sentiment"}});
  if (!results.unknown_words.empty()) {
    reading.TableCsv("unknown_words.csv")
        .Columns({{"count", "utterances in which the word was heard (and ignored)"}});
  }
  report::WriteRunReport(doc, run_dir);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace advlab::language
