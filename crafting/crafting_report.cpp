#include "crafting/crafting_report.h"

#include <cmath>
#include <sstream>

#include "envs/crafting_render.h"
#include "report/figure.h"
#include "report/html_report.h"
#include "report/image.h"
#include "report/table.h"

namespace advlab::crafting {
namespace fs = std::filesystem;
using report::Table;

namespace {

std::string MeanSd(const SplitScore& s) {
  if (s.per_seed.size() == 1) return Table::Num(s.mean, 3) + " (1 seed)";
  return Table::Num(s.mean, 3) + " ± " + Table::Num(s.sd, 3) + " (" +
         std::to_string(s.per_seed.size()) + " seeds)";
}

const SplitScore* Find(const CraftingSummary& summary, const std::string& agent,
                       const std::string& split) {
  for (const SplitScore& s : summary.scores) {
    if (s.agent == agent && s.split == split && !s.per_seed.empty()) return &s;
  }
  return nullptr;
}

}  // namespace

void WriteCraftingReport(const CraftingOptions& options, const CraftingSummary& summary,
                         const CraftingPictures& pictures, const fs::path& run_dir) {
  // Success per split and agent, mean with a +-1 sd bar over seeds.
  report::Figure success;
  success.title = "Success on seen and held-out goals";
  success.y_label = "success rate (mean ± sd over seeds)";
  success.y_range = std::pair(0.0, 1.05);
  success.width = 560;
  success.height = 380;
  report::BarChart bars;
  bars.categories = {"seen goals", "held-out goals"};
  const std::vector<std::pair<std::string, std::string>> agents = {
      {"action imitation", "#1f77b4"}, {"instruction generation", "#d62728"}};
  for (const auto& [agent, colour] : agents) {
    report::BarSeries series;
    series.title = agent;
    series.color = colour;
    for (const char* split : {"seen", "held-out"}) {
      const SplitScore* s = Find(summary, agent, split);
      series.values.push_back(s ? s->mean : std::nan(""));
      const double sd = s && std::isfinite(s->sd) ? s->sd : 0;  // one seed: no bar
      series.low.push_back(s ? s->mean - sd : std::nan(""));
      series.high.push_back(s ? s->mean + sd : std::nan(""));
    }
    bars.series.push_back(series);
  }
  success.bars = bars;

  report::Figure losses;
  losses.title = "Imitation losses (mean over seeds)";
  losses.x_label = "epoch";
  losses.y_label = "cross-entropy";
  losses.log_y = true;
  losses.width = 560;
  losses.height = 380;
  const std::vector<std::pair<std::string, std::string>> curves = {
      {"action imitation: action", "#1f77b4"},
      {"instruction generation: words", "#ff7f0e"},
      {"instruction generation: action", "#d62728"}};
  for (size_t c = 0; c < 2 * curves.size(); ++c) {
    report::Series line;
    line.kind = report::Series::Kind::kLinePoints;
    const bool validation = c >= curves.size();
    line.title = curves[c % curves.size()].first + (validation ? " (validation)" : "");
    line.color = curves[c % curves.size()].second;
    line.dashed = validation;
    for (size_t e = 0; e < pictures.losses.size(); ++e) {
      line.x.push_back(static_cast<double>(e + 1));
      line.y.push_back(pictures.losses[e][c]);
    }
    losses.series.push_back(line);
  }
  std::string figure_error;
  report::RenderFigures({{"success", success}, {"losses", losses}}, run_dir / "figures",
                        &figure_error);

  fs::create_directories(run_dir / "images");
  std::vector<std::pair<std::string, std::string>> images;
  if (pictures.demo_world) {
    report::WritePng(run_dir / "images" / "planner.png",
                     envs::crafting::RenderCraftingWorld(pictures.recipes, *pictures.demo_world,
                                                         pictures.demo_trail, "planner"));
    images.emplace_back("images/planner.png", "The planner's demonstration (a new layout).");
  }
  for (const EpisodePicture& p : pictures.episodes) {
    const std::string file =
        "images/" + std::string(p.agent == "action imitation" ? "action" : "instruction") + ".png";
    report::WritePng(run_dir / file, envs::crafting::RenderCraftingWorld(pictures.recipes, p.world,
                                                                         p.trail, p.agent));
    images.emplace_back(file, p.agent +
                                  ", first seed, first held-out goal: its path in red, "
                                  "the last state drawn.");
  }

  report::RunReport doc;
  doc.title = "Ask Your Humans: instruction-generating imitation in a crafting world";
  for (const auto& [agent, colour] : agents) {
    for (const char* split : {"held-out", "seen"}) {
      if (const SplitScore* s = Find(summary, agent, split)) {
        doc.summary.push_back({agent + ": success on " + split + " goals", MeanSd(*s)});
      }
    }
  }
  const auto rate = [](double r) { return std::isnan(r) ? std::string("n/a") : Table::Num(r, 3); };
  doc.summary.push_back(
      {"generated instructions naming the planner's subtask (held-out / seen)",
       rate(summary.instruction_match_held_out) + " / " + rate(summary.instruction_match_seen)});
  const SplitScore* flat = Find(summary, "action imitation", "held-out");
  const SplitScore* generating = Find(summary, "instruction generation", "held-out");
  if (flat && generating) {
    doc.summary.push_back({"the paper's finding (generating instructions generalises better)",
                           generating->mean > flat->mean + (std::isfinite(flat->sd) ? flat->sd : 0)
                               ? "holds here"
                           : generating->mean > flat->mean ? "higher mean, within one sd"
                                                           : "does not hold here"});
  }
  const CraftingOptions defaults;
  if (options.demos_per_goal < defaults.demos_per_goal || options.epochs < defaults.epochs) {
    doc.warnings.push_back("A short run (" + std::to_string(options.demos_per_goal) +
                           " demonstrations per goal, " + std::to_string(options.epochs) +
                           " epochs; the default is " + std::to_string(defaults.demos_per_goal) +
                           " and " + std::to_string(defaults.epochs) +
                           "): the agents are far from what they learn at full length "
                           "(crafting/README.md).");
  }
  if (options.seeds < 3) {
    doc.warnings.emplace_back("Fewer than 3 seeds: the spreads say little.");
  }
  if (summary.held_out_goals == 0)
    doc.warnings.emplace_back("No held-out goals: split.held_out is empty.");

  report::ReportSection& results = doc.sections.emplace_back();
  results.title = "Success on seen and held-out goals";
  std::ostringstream text;
  text << "Each seed draws " << options.demos_per_goal
       << " planner demonstrations per training goal (" << summary.train_goals << " goals, "
       << summary.demonstration_steps << " steps) on new " << options.world.width << "x"
       << options.world.height << " layouts, trains both agents on them for " << options.epochs
       << " epochs and plays " << options.eval_episodes
       << " episodes per goal on new layouts (the same for both agents), actions sampled from the "
          "policy, at most "
       << options.world.max_steps << " steps. The " << summary.held_out_goals
       << " held-out goals are new combinations of a material and a form each seen in training. "
          "Instructions come from templates (no human data can be fetched here).";
  results.Text(text.str());
  results.FigureSvg("figures/success.svg");
  if (!figure_error.empty()) results.Text("Figures could not be rendered: " + figure_error);
  results.TableCsv("summary.csv")
      .Columns(
          {{"success_mean, success_sd", "success rate over seeds (sample sd)"},
           {"split", "seen: training goals on new layouts; held-out: goals never demonstrated"}});
  results.TableCsv("goals.csv")
      .Columns(
          {{"success_low, success_high", "95% Wilson interval of the success rate"},
           {"mean_steps", "steps of the successful episodes"},
           {"instruction_match",
            "instruction generation only: steps whose generated instruction is a paraphrase of "
            "the planner's subtask from that state"}});
  report::ReportSection& words = doc.sections.emplace_back();
  words.title = "Generated instructions on held-out goals";
  words.Text(
      "What the instruction generator said on the first episode of held-out goals, each time "
      "it changed, beside the planner's subtask from the same state (its first paraphrase).");
  words.TableCsv("instructions.csv");
  report::ReportSection& training = doc.sections.emplace_back();
  training.title = "Training";
  training.FigureSvg("figures/losses.svg");
  training.TableCsv("training.csv")
      .Columns({{"loss", "action: cross-entropy of the planner's action; instruction: per word"},
                {"train, validation",
                 "mean over the training demonstrations during the epoch; over validation "
                 "demonstrations (new layouts, a fifth as many) after it"}});
  report::ReportSection& episodes = doc.sections.emplace_back();
  episodes.title = "Episodes";
  for (const auto& [file, caption] : images) episodes.ImagePng(file, caption).Tiled();
  report::WriteRunReport(doc, run_dir);
}

}  // namespace advlab::crafting
