#include "language/narration_job.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/binomial.h"
#include "core/error.h"
#include "core/seed_streams.h"
#include "envs/landmark_render.h"
#include "language/grounding_model.h"
#include "language/narration_training.h"
#include "nn/device.h"
#include "report/figure.h"
#include "report/html_report.h"
#include "report/image.h"
#include "report/table.h"

namespace advlab::language {
namespace fs = std::filesystem;
using report::Table;

namespace {

const char* Colour(Shaping shaping) {
  switch (shaping) {
    case Shaping::kSparse:
      return "#7f7f7f";
    case Shaping::kNarration:
      return "#d62728";
    case Shaping::kOracle:
      return "#1f77b4";
  }
  return "#000000";
}

std::pair<double, double> MeanSd(const std::vector<double>& values) {
  double mean = 0;
  for (double v : values) mean += v;
  mean /= static_cast<double>(values.size());
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  const double sd =
      values.size() > 1 ? std::sqrt(squares / static_cast<double>(values.size() - 1)) : 0;
  return {mean, sd};
}

// Runs tasks 0..count-1 on up to two threads (LibTorch runs one intra-op
// thread per worker; the machine this lab targets has two cores).
void RunOnWorkers(int count, const std::function<void(int)>& task) {
  const int workers =
      std::max(1, std::min({count, 2, static_cast<int>(std::thread::hardware_concurrency())}));
  std::atomic<int> next{0};
  std::exception_ptr failure;
  std::mutex failure_lock;
  auto work = [&] {
    for (int k = next++; k < count; k = next++) {
      try {
        task(k);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(failure_lock);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  for (int w = 1; w < workers; ++w) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

template <typename... Args>
std::string Printf(const char* format, Args... args) {
  char line[256];
  std::snprintf(line, sizeof(line), format, args...);
  return line;
}

std::string Seconds(double seconds) { return Printf("%.1f", seconds); }

std::string Spread(const ConditionSpread& c) {
  if (c.success.size() == 1) return Printf("%.3f (1 seed)", c.mean);
  return Printf("%.3f ± %.3f (%zu seeds)", c.mean, c.sd, c.success.size());
}

}  // namespace

void ResolveNarrationInputs(NarrationOptions& options) {
  const NarrationLanguage language = LoadNarrationLanguage(options.language_file);
  options.world.landmarks = static_cast<int>(language.colours.size());
  options.world.order.clear();
  for (const std::string& name : options.order) {
    const auto it = std::find(language.colours.begin(), language.colours.end(), name);
    if (it == language.colours.end()) {
      throw InputError(options.source + ": world.order: '" + name + "' is not a colour of " +
                       options.language_file.string());
    }
    options.world.order.push_back(static_cast<int>(it - language.colours.begin()));
  }
  envs::landmarks::CheckLandmarkOptions(options.world, options.source);
  // The grounding encoder max-pools 2x2 between its convolutions: each
  // width after the first halves the grid, which must keep a cell.
  const bool narrated = std::find(options.conditions.begin(), options.conditions.end(),
                                  Shaping::kNarration) != options.conditions.end();
  const size_t pools = options.grounding.conv_widths.size() - 1;
  if (narrated && (pools >= 31 || (options.world.size >> pools) < 1)) {
    throw InputError(options.source + ": grounding.conv_widths: " + std::to_string(pools + 1) +
                     " widths pool a " + std::to_string(options.world.size) + "x" +
                     std::to_string(options.world.size) + " grid below one cell");
  }
  try {
    nn::ResolveDevice(options.device);
  } catch (const InputError& e) {
    throw InputError(options.source + ": " + e.what());
  }
}

NarrationSummary RunNarrationJob(const NarrationOptions& options, const fs::path& run_dir,
                                 const std::function<void(const std::string&)>& progress) {
  const auto started = std::chrono::steady_clock::now();
  const NarrationLanguage language = LoadNarrationLanguage(options.language_file);
  const torch::Device device = nn::ResolveDevice(options.device);
  const bool narrated = std::find(options.conditions.begin(), options.conditions.end(),
                                  Shaping::kNarration) != options.conditions.end();
  const int seeds = options.seeds;

  auto seed_of = [&](int k) -> uint64_t { return options.seed + static_cast<uint64_t>(k); };
  // The grounding models first (one per seed), then every condition.
  std::vector<GroundingModel> grounding(static_cast<size_t>(seeds));
  std::mutex print;
  if (narrated) {
    RunOnWorkers(seeds, [&](int k) {
      grounding[static_cast<size_t>(k)] =
          TrainGrounding(options, language, StreamSeed(seed_of(k), "grounding"), device);
      const GroundingModel& g = grounding[static_cast<size_t>(k)];
      const std::lock_guard<std::mutex> lock(print);
      progress(
          Printf("grounding seed %llu: accuracy %.3f train / %.3f held-out phrasings, "
                 "recall %.3f / %.3f (%.1f s)",
                 static_cast<unsigned long long>(seed_of(k)), g.scores[0].accuracy,
                 g.scores[1].accuracy, g.scores[0].recall, g.scores[1].recall, g.seconds));
    });
  }
  const int conditions = static_cast<int>(options.conditions.size());
  std::vector<ConditionResult> results(static_cast<size_t>(seeds * conditions));
  RunOnWorkers(seeds * conditions, [&](int task) {
    const int k = task / conditions;
    const Shaping shaping = options.conditions[static_cast<size_t>(task % conditions)];
    ConditionResult& r = results[static_cast<size_t>(task)];
    r = TrainCondition(options, language, shaping, k,
                       narrated ? &grounding[static_cast<size_t>(k)] : nullptr, device);
    const std::lock_guard<std::mutex> lock(print);
    progress(Printf("seed %llu %s: success %.3f on %d fresh layouts (%.1f s)",
                    static_cast<unsigned long long>(seed_of(k)), ShapingName(shaping).c_str(),
                    static_cast<double>(r.eval_successes) / r.eval_episodes, r.eval_episodes,
                    r.seconds));
  });

  NarrationSummary summary;
  // grounding.csv
  Table grounding_table({"seed", "phrasings", "template", "pairs", "positives", "accuracy",
                         "recall", "false_match", "final_loss", "seconds"});
  if (narrated) {
    std::vector<double> accuracy, recall;
    for (int k = 0; k < seeds; ++k) {
      const GroundingModel& g = grounding[static_cast<size_t>(k)];
      std::vector<GroundingScore> rows = g.template_scores;
      rows.insert(rows.end(), g.scores.begin(), g.scores.end());
      for (const GroundingScore& s : rows) {
        grounding_table.AddRow(
            {std::to_string(seed_of(k)), s.phrasings, s.template_text, std::to_string(s.pairs),
             std::to_string(s.positives), Table::Num(s.accuracy, 4), Table::Num(s.recall, 4),
             Table::Num(s.false_match, 4), Table::Num(g.final_loss, 4), Seconds(g.seconds)});
      }
      for (const GroundingScore& s : g.scores) {
        if (s.phrasings == "held_out") {
          accuracy.push_back(s.accuracy);
          recall.push_back(s.recall);
        }
      }
    }
    summary.held_out_accuracy = MeanSd(accuracy).first;
    summary.held_out_recall = MeanSd(recall).first;
    grounding_table.WriteCsv(run_dir / "grounding.csv");
  }

  // curves.csv and final.csv, per seed and condition
  Table curves({"seed", "condition", "update", "env_steps", "episodes", "successes", "success_rate",
                "shaping_per_episode"});
  Table final_table({"seed", "condition", "episodes", "success", "success_low", "success_high",
                     "mean_steps", "shaping_paid", "shaping_agreed", "seconds"});
  for (const ConditionResult& r : results) {
    const std::string seed = std::to_string(seed_of(r.seed_index));
    for (const UpdatePoint& p : r.curve) {
      curves.AddRow(
          {seed, ShapingName(r.shaping), std::to_string(p.update), std::to_string(p.env_steps),
           std::to_string(p.episodes), std::to_string(p.successes),
           p.episodes > 0 ? Table::Num(static_cast<double>(p.successes) / p.episodes, 4) : "",
           Table::Num(p.shaping_per_episode, 3)});
    }
    const core::Interval band = core::WilsonInterval(r.eval_successes, r.eval_episodes);
    final_table.AddRow({seed, ShapingName(r.shaping), std::to_string(r.eval_episodes),
                        Table::Num(static_cast<double>(r.eval_successes) / r.eval_episodes, 4),
                        Table::Num(band.low, 4), Table::Num(band.high, 4),
                        Table::Num(r.eval_mean_steps, 2), std::to_string(r.shaping_paid),
                        std::to_string(r.shaping_agreed), Seconds(r.seconds)});
  }
  curves.WriteCsv(run_dir / "curves.csv");
  final_table.WriteCsv(run_dir / "final.csv");

  // curve_summary.csv: success over bins of updates (episodes ended in the
  // bin; the last bin may be shorter), mean and sd over seeds; and the
  // learning-curve figure from it.
  const int bin = std::max(1, options.updates / 25);
  Table curve_summary({"condition", "update", "env_steps", "success_mean", "success_sd", "seeds"});
  report::Figure figure;
  figure.title = "Landmark task: success while training";
  figure.x_label = "environment steps";
  figure.y_label = "success rate of episodes ended (mean ± sd over seeds)";
  figure.y_range = std::pair(0.0, 1.0);
  for (Shaping shaping : options.conditions) {
    ConditionSpread spread;
    spread.shaping = shaping;
    report::Series band, line;
    band.kind = report::Series::Kind::kBand;
    band.color = line.color = Colour(shaping);
    line.kind = report::Series::Kind::kLine;
    line.title = ShapingName(shaping);
    for (int start = 0; start < options.updates; start += bin) {
      const int end = std::min(options.updates, start + bin);
      std::vector<double> rates;
      int64_t steps = 0;
      for (const ConditionResult& r : results) {
        if (r.shaping != shaping) continue;
        int episodes = 0, successes = 0;
        for (int u = start; u < end; ++u) {
          episodes += r.curve[static_cast<size_t>(u)].episodes;
          successes += r.curve[static_cast<size_t>(u)].successes;
        }
        steps = r.curve[static_cast<size_t>(end - 1)].env_steps;
        if (episodes > 0) rates.push_back(static_cast<double>(successes) / episodes);
      }
      if (rates.empty()) continue;
      const auto [mean, sd] = MeanSd(rates);
      curve_summary.AddRow({ShapingName(shaping), std::to_string(end), std::to_string(steps),
                            Table::Num(mean, 4), Table::Num(sd, 4), std::to_string(rates.size())});
      band.x.push_back(static_cast<double>(steps));
      band.y.push_back(std::max(0.0, mean - sd));
      band.y_high.push_back(std::min(1.0, mean + sd));
      line.x.push_back(static_cast<double>(steps));
      line.y.push_back(mean);
    }
    figure.series.push_back(band);
    figure.series.push_back(line);
    for (const ConditionResult& r : results) {
      if (r.shaping == shaping) {
        spread.success.push_back(static_cast<double>(r.eval_successes) / r.eval_episodes);
      }
    }
    std::tie(spread.mean, spread.sd) = MeanSd(spread.success);
    summary.conditions.push_back(spread);
  }
  curve_summary.WriteCsv(run_dir / "curve_summary.csv");
  std::string figure_error;
  report::RenderFigures({{"success_curves", figure}}, run_dir / "figures", &figure_error);

  // A picture of the task: one layout and the narration spoken for it.
  std::string narration;
  const std::vector<std::string>& spoken = language.Templates(options.held_out_narration);
  for (size_t s = 0; s < options.world.order.size(); ++s) {
    narration += (s == 0 ? "" : ", then ") +
                 language.Step(spoken[s % spoken.size()], options.world.order[s]);
  }
  envs::landmarks::LandmarkWorlds picture(options.world, 1);
  picture.Reset(0, StreamSeed(options.seed, "picture"));
  fs::create_directories(run_dir / "images");
  report::WritePng(
      run_dir / "images" / "task.png",
      envs::landmarks::RenderLandmarkWorld(options.world, picture.world(0), language.colours));

  // The first evaluation episode of the first seed's policy per condition.
  for (const ConditionResult& r : results) {
    if (r.seed_index != 0) continue;
    const std::string caption =
        ShapingName(r.shaping) + ": " +
        (r.example.success ? "done in " + std::to_string(r.example.steps) + " steps"
                           : std::to_string(r.example.progress) + " of " +
                                 std::to_string(options.world.order.size()) + " reached");
    report::WritePng(run_dir / "images" / ("episode_" + ShapingName(r.shaping) + ".png"),
                     envs::landmarks::RenderLandmarkWorld(
                         options.world, r.example, language.colours, r.example_trail, caption, 32));
  }

  report::RunReport doc;
  doc.title = "Narration-based reward shaping";
  for (const ConditionSpread& c : summary.conditions) {
    doc.summary.push_back({"success of the " + ShapingName(c.shaping) + " policy", Spread(c)});
  }
  if (narrated) {
    doc.summary.push_back({"grounding accuracy on held-out phrasings (mean over seeds)",
                           Table::Num(summary.held_out_accuracy, 3)});
    if (summary.held_out_recall < 0.8) {
      doc.warnings.push_back(
          "The grounding model recognises only " + Table::Num(summary.held_out_recall, 2) +
          " of the states that satisfy a held-out phrasing's step: the narration pays few of its "
          "bonuses.");
    }
  }
  if (seeds < 3) {
    doc.warnings.push_back("Only " + std::to_string(seeds) +
                           " seed(s): the spread over seeds is not measured well.");
  }
  report::ReportSection& task = doc.sections.emplace_back();
  task.title = "The task and its narration";
  std::ostringstream text;
  text << "A " << options.world.size << "x" << options.world.size << " maze (walls drawn with "
       << "probability " << options.world.wall_density << ") holds " << language.colours.size()
       << " coloured landmarks; the task is to visit " << options.world.order.size()
       << " of them in order within " << options.world.max_steps
       << " steps. Sparse reward: 1 - 0.9 t/T on finishing. Shaping adds " << options.bonus
       << " the first time a state matches the narration's next step: by the grounding model "
          "(narration) or by the labelling program (oracle). The narration is spoken with the "
       << (options.held_out_narration ? "held-out" : "training") << " phrasings. PPO, "
       << options.updates << " updates of " << options.ppo.worlds << " worlds x "
       << options.ppo.steps << " steps, " << seeds << " seed(s).";
  task.Text(text.str());
  task.ImagePng("images/task.png",
                "A layout, and one narration of its task: \"" + narration + "\".");
  report::ReportSection& learning = doc.sections.emplace_back();
  learning.title = "Learning with and without narration";
  learning.FigureSvg("figures/success_curves.svg");
  if (!figure_error.empty()) learning.Text("Figures could not be rendered: " + figure_error);
  learning.Text("The first evaluation episode of seed " + std::to_string(options.seed) +
                "'s trained policies (the same layout; ringed landmarks were reached in order):");
  for (Shaping shaping : options.conditions) {
    learning.ImagePng("images/episode_" + ShapingName(shaping) + ".png").Tiled();
  }
  learning.TableCsv("final.csv")
      .Columns({{"success", "share of the evaluation layouts finished, the policy sampling"},
                {"success_low, success_high", "95% Wilson interval"},
                {"shaping_paid", "shaping bonuses paid during training"},
                {"shaping_agreed", "of those, the ones the labelling program agrees with"}});
  learning.TableCsv("curve_summary.csv")
      .Columns(
          {{"success_mean, success_sd", "success of the episodes ended in the bin, over seeds"},
           {"update", "the bin's last update"}});
  if (narrated) {
    report::ReportSection& ground = doc.sections.emplace_back();
    ground.title = "The grounding model";
    ground.Text(
        "The lab's dual encoder (image encoder on the state planes, mean-pooled word encoder on "
        "the step), trained with the sigmoid contrastive loss on states labelled by the program. "
        "Every test state is paired with every template of every colour; a pair is read as a "
        "match when its logit is above 0. Held-out phrasings were never seen in training, and "
        "their new words are unknown tokens.");
    ground.TableCsv("grounding.csv")
        .Columns({{"template", "one phrasing of the step, or (all) for the phrasing set"},
                  {"recall", "pairs the program labels a match that the model reads as one"},
                  {"false_match", "pairs labelled no match that the model reads as one"}});
  }
  report::WriteRunReport(doc, run_dir);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace advlab::language
