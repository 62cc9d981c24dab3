#include "forecasting/forecast_options.h"

#include <algorithm>

#include <limits>
#include <stdexcept>

#include "core/config.h"

namespace advlab::forecasting {

std::vector<std::pair<std::string, std::vector<std::string>>> Gpt3Categories() {
  return {
      {"Cloze & completion", {"HellaSwag/acc", "LAMBADA/acc", "StoryCloze/acc"}},
      {"Closed-book QA", {"NaturalQuestions/acc", "TriviaQA/acc", "WebQuestions/acc"}},
      {"Translation",
       {"Ro->En 16/BLEU-sb", "En->Ro 16/BLEU-sb", "Fr->En 14/BLEU-sb", "En->Fr 14/BLEU-sb",
        "De->En 16/BLEU-sb", "En->De 16/BLEU-sb"}},
      {"Winograd-style", {"Winograd/acc", "Winogrande/acc"}},
      {"Common sense reasoning",
       {"PIQA/acc", "ARC-Challenge/acc", "ARC-Easy/acc", "OpenBookQA/acc"}},
      {"Reading comprehension",
       {"QuAC/f1", "RACE-h/acc", "RACE-m/acc", "SQuADv2/f1", "CoQA/f1", "DROP/f1"}},
      {"SuperGLUE",
       {"BoolQ/acc", "CB/acc", "COPA/acc", "RTE/acc", "WiC/acc", "WSC/acc", "MultiRC/acc",
        "ReCoRD/f1"}},
      {"NLI (ANLI)", {"ANLI R1/acc", "ANLI R2/acc", "ANLI R3/acc"}},
      {"Arithmetic", {"Arithmetic 2D+/acc", "Arithmetic 3D+/acc", "Arithmetic 2Dx/acc"}},
      {"Word scramble",
       {"Cycle letters/acc", "Anagrams 2/acc", "Random insertion/acc", "Reversed words/acc"}},
      {"SAT analogies", {"SAT analogies/acc"}},
  };
}

ForecastOptions ReadForecastOptions(core::Config& config) {
  constexpr double kHuge = std::numeric_limits<double>::max();
  // Every default is the struct's own (forecast_options.h), read as the key's fallback.
  ForecastOptions options;
  options.seed = static_cast<uint64_t>(config.Int("seed", static_cast<int64_t>(options.seed), 0,
                                                  std::numeric_limits<int64_t>::max()));

  DataOptions& data = options.data;
  data.scores = config.RequiredPath("data.scores", kDefaultScores);
  std::filesystem::path models = config.Path("data.models", kDefaultModels);
  data.models = models.empty() ? std::nullopt : std::optional(models);
  data.setting = config.Choice("data.setting", data.setting, {"zero", "one", "few", ""});
  data.exclude_low_confidence =
      config.Bool("data.exclude_low_confidence", data.exclude_low_confidence);
  // A ceiling is a benchmark's best possible score: above zero on every scale in use.
  data.ceilings = config.NumberMap("data.ceilings", 1e-12, kHuge);
  // The GPT-3 grouping is the default only for the shipped table; other
  // data groups by its category column unless the config lists groups.
  bool gpt3 = data.scores.filename() == "gpt3_fewshot.csv";
  data.categories =
      config.Groups("data.categories", gpt3 ? Gpt3Categories() : decltype(Gpt3Categories()){});

  options.axis = XAxisFromName(config.Choice("x.axis", XAxisName(options.axis),
                                             {"loss", "log_loss", "log_params", "log_flop"}));
  const std::vector<std::string> sources = {"frontier", "kaplan_lnd", "column"};
  const std::string source =
      config.Choice("x.loss_source", sources[static_cast<size_t>(data.loss_source)], sources);
  data.loss_source =
      static_cast<LossSource>(std::find(sources.begin(), sources.end(), source) - sources.begin());
  const std::vector<std::string> laws = {"kaplan", "chinchilla"};
  const std::string law =
      config.Choice("x.loss_law", laws[static_cast<size_t>(data.loss_law)], laws);
  data.loss_law = static_cast<LossLaw>(std::find(laws.begin(), laws.end(), law) - laws.begin());

  std::vector<std::string> family_names;
  for (CurveFamily family : options.families) family_names.push_back(CurveName(family));
  options.families.clear();
  for (const std::string& name : config.Strings("fit.families", family_names)) {
    CurveFamily family;
    try {
      family = CurveFromName(name);
    } catch (const std::invalid_argument& e) {
      config.Fail("fit.families", e.what());
    }
    if (std::find(options.families.begin(), options.families.end(), family) !=
        options.families.end()) {
      config.Fail("fit.families", "'" + name + "' is listed twice");
    }
    options.families.push_back(family);
  }
  if (options.families.empty()) config.Fail("fit.families", "list at least one family");
  options.starts = static_cast<int>(config.Int("fit.starts", options.starts, 1, 64));
  options.bootstrap = static_cast<int>(config.Int("fit.bootstrap", options.bootstrap, 0, 1000000));
  options.band = config.Number("fit.band", options.band, 0.01, 0.999);
  options.fit.max_iterations =
      static_cast<int>(config.Int("fit.max_iterations", options.fit.max_iterations, 1, 100000));
  options.bounds.midpoint_range =
      config.Number("fit.midpoint_range", options.bounds.midpoint_range, 0.0, 1000.0);
  options.bounds.min_rise_fraction =
      config.Number("fit.min_rise_fraction", options.bounds.min_rise_fraction, 1e-4, 10.0);

  options.backtest_min_train =
      static_cast<int>(config.Int("backtest.min_train", options.backtest_min_train, 2, 1000));
  options.backtest_bins = config.Numbers("backtest.bins", options.backtest_bins, 0, 100);
  for (size_t i = 1; i < options.backtest_bins.size(); ++i) {
    if (options.backtest_bins[i] <= options.backtest_bins[i - 1]) {
      config.Fail("backtest.bins", "edges must increase");
    }
  }
  if (options.backtest_bins.size() < 2) config.Fail("backtest.bins", "give at least two edges");

  options.levels = config.Numbers("forecast.levels", options.levels, 1e-6, 1 - 1e-6);
  options.usd_per_flop = config.Number("forecast.usd_per_flop", options.usd_per_flop, 1e-40, 1.0);
  options.budget_usd = config.Number("forecast.budget_usd", options.budget_usd, 1.0, 1e20);
  options.gpt3_flop = config.Number("forecast.gpt3_flop", options.gpt3_flop, 1.0, 1e40);
  options.common_crawl_tokens =
      config.Number("forecast.common_crawl_tokens", options.common_crawl_tokens, 1.0, 1e20);
  options.plot_extend = config.Number("plot.extend", options.plot_extend, 0.0, 20.0);
  options.grid_points =
      static_cast<int>(config.Int("plot.grid_points", options.grid_points, 2, 100000));
  return options;
}

}  // namespace advlab::forecasting
