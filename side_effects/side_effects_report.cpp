#include "side_effects/side_effects_report.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "core/csv_reader.h"
#include "report/figure.h"
#include "report/html_report.h"
#include "report/table.h"

namespace advlab::side_effects {
namespace fs = std::filesystem;
namespace {

using report::Table;

// Steps the paper trains the task policy for (side_effects.md section 6).
constexpr double kPaperPolicySteps = 4e6;

std::vector<std::pair<std::string, report::Figure>> Curves(const fs::path& metrics,
                                                           const SideEffectsSummary& summary,
                                                           bool aup) {
  core::CsvTable table = core::ReadCsv(metrics);
  std::vector<double> policy_steps = table.Column("policy_steps");
  const size_t window = std::max<size_t>(1, table.rows.size() / 20);
  auto series = [&](const std::string& column, const std::string& title, const std::string& colour,
                    bool dashed = false) {
    report::Series s;
    s.title = title;
    s.color = colour;
    s.dashed = dashed;
    // Only the task policy's rows: AUP's auxiliary phase comes first.
    std::vector<double> smooth = TrailingMean(table.Column(column), window);
    for (size_t i = 0; i < policy_steps.size(); ++i) {
      if (std::isnan(policy_steps[i])) continue;
      s.x.push_back(policy_steps[i]);
      s.y.push_back(smooth[i]);
    }
    return s;
  };
  auto figure = [](const std::string& title, const std::string& y) {
    report::Figure f;
    f.title = title;
    f.x_label = "task policy environment steps";
    f.y_label = y;
    return f;
  };
  const std::string smoothing = " (mean of " + std::to_string(window) + " updates)";
  report::Figure task = figure("Task performance" + smoothing, "share / reward");
  task.series = {series("completion", "goal completion", "#1f77b4"),
                 series("exit_rate", "exit rate", "#2ca02c"),
                 series("episode_reward", "episode reward", "#1f77b4", true)};
  report::Figure effects = figure("Side effects" + smoothing, "side-effect score");
  effects.series = {series("side_effects", "trained agent", "#d62728")};
  if (summary.random.episodes > 0) {
    effects.lines.push_back(
        {false, summary.random.side_effects, "uniformly random agent", "#7f7f7f"});
  }
  std::vector<std::pair<std::string, report::Figure>> figures = {{"task", task},
                                                                 {"side_effects", effects}};
  if (aup) {
    report::Figure penalty = figure("AUP penalty", "per step");
    penalty.series = {series("penalty", "mean penalty", "#9467bd"),
                      series("lambda", "lambda", "#8c564b", true)};
    figures.emplace_back("aup_penalty", penalty);
    report::Figure q = figure("Auxiliary Q fit", "mean squared error");
    q.x_label = "environment steps (auxiliary phase)";
    report::Series loss;
    loss.title = "Q head loss";
    loss.color = "#17becf";
    std::vector<double> steps = table.Column("env_steps"), values = table.Column("q_loss");
    for (size_t i = 0; i < steps.size(); ++i) {
      if (std::isnan(values[i])) continue;
      loss.x.push_back(steps[i]);
      loss.y.push_back(values[i]);
    }
    q.series = {loss};
    q.log_y = true;
    figures.emplace_back("aux_q_loss", q);
  }
  report::Figure entropy = figure("Task policy entropy", "nats");
  entropy.series = {series("entropy", "entropy", "#2ca02c")};
  entropy.width = 480;
  entropy.height = 320;
  figures.emplace_back("entropy", entropy);
  return figures;
}

std::string Outcome(const EpisodeOutcomes& e, double value) {
  return e.episodes > 0 ? Table::Num(value, 3) : "n/a";
}

}  // namespace

std::vector<double> TrailingMean(const std::vector<double>& values, size_t window) {
  std::vector<double> out(values.size(), std::numeric_limits<double>::quiet_NaN());
  double sum = 0;
  size_t count = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isnan(values[i])) {
      sum += values[i];
      ++count;
    }
    if (i >= window && !std::isnan(values[i - window])) {
      sum -= values[i - window];
      --count;
    }
    if (count > 0) out[i] = sum / static_cast<double>(count);
  }
  return out;
}

void WriteSideEffectsReport(const SideEffectsOptions& options, const SideEffectsSummary& summary,
                            const std::vector<envs::life::LifeLevel>& levels,
                            const fs::path& run_dir) {
  const bool aup = options.penalty == Penalty::kAup;
  std::string figure_error;
  report::RenderFigures(Curves(run_dir / "metrics.csv", summary, aup), run_dir / "figures",
                        &figure_error);
  report::RunReport doc;
  const std::string agent = aup ? "AUP (" + std::to_string(options.aup.aux_rewards) +
                                      " auxiliary reward" +
                                      (options.aup.aux_rewards > 1 ? "s)" : ")")
                                : "PPO";
  doc.title = "Side effects: " + agent + " on " + options.task.task + " levels";
  const EpisodeOutcomes& t = summary.trained;
  doc.summary = {
      {"agent", agent},
      {"side-effect score (trained)", Outcome(t, t.side_effects)},
      {"goal completion (trained)", Outcome(t, t.completion)},
      {"episode reward (trained)", Outcome(t, t.reward)},
      {"exit rate (trained; 95% Wilson over " + std::to_string(t.episodes) + " episodes)",
       t.episodes > 0 ? report::RateWithInterval(t.exits, t.episodes) : "n/a"},
      {"side-effect score (random agent)", Outcome(summary.random, summary.random.side_effects)}};
  const double policy_steps =
      static_cast<double>(PolicyUpdates(options)) * options.ppo.worlds * options.ppo.steps;
  if (policy_steps < 0.1 * kPaperPolicySteps) {
    std::ostringstream w;
    w << "The task policy trained for " << policy_steps / 1e6 << "M steps, "
      << std::lround(kPaperPolicySteps / policy_steps) << "x fewer than the paper's 4-5M.";
    doc.warnings.push_back(w.str());
  }
  if (t.episodes > 0 && t.completion < summary.random.completion) {
    doc.warnings.emplace_back(
        "The trained policy completes less of the task than a uniformly random agent.");
  }
  doc.seed_curves = {"episode_reward", "completion", "side_effects"};

  if (t.episodes > 0) {
    report::ReportSection& eval = doc.sections.emplace_back();
    eval.title = "Evaluation on the training levels";
    std::ostringstream text;
    text << levels.size() << " " << options.task.task << " levels of " << options.task.size << "x"
         << options.task.size << " (levels.seed " << options.level_seed << "), "
         << options.eval_episodes
         << " episodes each with sampled actions; an idle agent (always no-op) and a uniformly "
            "random one on the same levels. The side-effect score is SafeLife's: the earth mover's "
            "distance between the green life's occupancy over "
         << options.side_effect_window
         << " generations after the episode and without the agent, over the green life expected "
            "without it (0: untouched, about 1: gone).";
    eval.Text(text.str());
    eval.TableCsv("eval.csv", "Per level and over all levels")
        .Columns({{"policy", "trained, idle (no-op) or random"},
                  {"reward", "task reward per episode: points gained, +1 for leaving by the exit"},
                  {"completion", "share of the level's available points earned"},
                  {"exit_rate", "episodes that left by the open exit"},
                  {"side_effects", "SafeLife's side-effect score on green life"},
                  {"episode_length", "steps per episode"}});
    eval.ImagePng("figures/episode_level_00.png",
                  "The trained policy's first evaluation episode on level_00 (the same level for "
                  "every agent trained with levels.seed " +
                      std::to_string(options.level_seed) + ")");
  }

  report::ReportSection& curves = doc.sections.emplace_back();
  curves.title = "Training";
  std::ostringstream about;
  about << summary.last_update + 1 << " updates of " << options.ppo.worlds << " worlds x "
        << options.ppo.steps << " steps";
  if (aup) {
    about << ": " << options.aup.aux_rewards << " x " << AuxUpdates(options)
          << " updates learning the auxiliary Q functions, then " << PolicyUpdates(options)
          << " of the task policy with lambda from " << options.aup.lambda_start << " to "
          << options.aup.lambda_end;
  }
  about << ". Curves average the episodes that ended in each update over a trailing window.";
  curves.Text(about.str());
  curves.FigureSvg("figures/task.svg").FigureSvg("figures/side_effects.svg");
  if (aup) curves.FigureSvg("figures/aup_penalty.svg").FigureSvg("figures/aux_q_loss.svg");
  curves.FigureSvg("figures/entropy.svg");
  if (!figure_error.empty()) curves.Text("Figures could not be rendered: " + figure_error);
  report::WriteRunReport(doc, run_dir);
}

}  // namespace advlab::side_effects
