#include "forecasting/benchmark_data.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>

#include "core/csv_reader.h"
#include "core/error.h"

namespace advlab::forecasting {
namespace {

using core::CsvRow;
using core::CsvTable;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string Where(const CsvTable& table, const CsvRow& row) {
  return table.file + ":" + std::to_string(row.line);
}

// x values of a model from whichever source a row or model table provides.
ModelPoint ModelFromRow(const CsvTable& table, const CsvRow& row, const DataOptions& options,
                        const std::string& name) {
  ModelPoint model;
  model.name = name;
  KaplanLaw kaplan;
  ChinchillaLaw chinchilla;
  std::optional<double> loss;
  if (options.loss_source == LossSource::kFrontier && table.HasColumn("loss_proxy_gpt3_frontier")) {
    loss = table.Number(row, "loss_proxy_gpt3_frontier");
  } else if (options.loss_source == LossSource::kKaplanLnd &&
             table.HasColumn("loss_proxy_kaplan_LND")) {
    loss = table.Number(row, "loss_proxy_kaplan_LND");
  } else {
    loss = table.OptionalNumber(row, "loss");
  }
  std::optional<double> params = table.OptionalNumber(row, "params_tableD1");
  if (!params) params = table.OptionalNumber(row, "params");
  std::optional<double> tokens = table.OptionalNumber(row, "train_tokens");
  if (!tokens) tokens = table.OptionalNumber(row, "tokens");
  std::optional<double> flop = table.OptionalNumber(row, "compute_flops");
  if (!flop) flop = table.OptionalNumber(row, "compute");
  for (auto [value, column] :
       {std::pair{params, "params"}, {tokens, "tokens"}, {flop, "compute"}, {loss, "loss"}}) {
    if (value && !(std::isfinite(*value) && *value > 0)) {
      table.Fail(row, std::string("column '") + column + "' must be a finite number > 0, not " +
                          (std::isinf(*value)   ? "inf"
                           : std::isnan(*value) ? "nan"
                                                : "<= 0"));
    }
  }
  if (!loss) {
    if (params && tokens) {
      loss = options.loss_law == LossLaw::kKaplan ? kaplan.LossFromParamsAndTokens(*params, *tokens)
                                                  : chinchilla.Loss(*params, *tokens);
    } else if (flop) {
      loss = options.loss_law == LossLaw::kKaplan ? kaplan.LossFromCompute(*flop)
                                                  : chinchilla.LossFromCompute(*flop);
    } else {
      table.Fail(row, "no x source: give loss, or params and tokens, or compute");
    }
  }
  if (!flop) {
    flop = params && tokens ? TrainingFlop(*params, *tokens) : kaplan.ComputeFromLoss(*loss);
  }
  model.loss = *loss;
  model.params = params.value_or(kNaN);
  model.tokens = tokens.value_or(kNaN);
  model.flop = *flop;
  return model;
}

bool SameModel(const ModelPoint& a, const ModelPoint& b) {
  auto close = [](double u, double v) {
    return (std::isnan(u) && std::isnan(v)) || std::abs(u - v) <= 1e-9 * std::max(1.0, std::abs(u));
  };
  return close(a.loss, b.loss) && close(a.params, b.params) && close(a.tokens, b.tokens) &&
         close(a.flop, b.flop);
}

struct Score {
  int model;
  double y;
  bool low_confidence;
};

// Mean of member series over the models that every member covers.
ScoreSeries MeanSeries(const std::string& name, const std::vector<const ScoreSeries*>& members) {
  ScoreSeries mean;
  mean.name = name;
  mean.category = name;
  struct Sum {
    double total = 0;
    int count = 0;
    bool low_confidence = false;
  };
  std::map<int, Sum> sums;
  for (const ScoreSeries* member : members) {
    for (size_t i = 0; i < member->models.size(); ++i) {
      Sum& sum = sums[member->models[i]];
      sum.total += member->y[i];
      ++sum.count;
      sum.low_confidence = sum.low_confidence || member->low_confidence[i];
    }
  }
  // A mean point is low confidence when any of its members is.
  for (const auto& [model, sum] : sums) {
    if (sum.count == static_cast<int>(members.size())) {
      mean.models.push_back(model);
      mean.y.push_back(sum.total / sum.count);
      mean.low_confidence.push_back(sum.low_confidence);
    }
  }
  return mean;
}

}  // namespace

int ScoreSeries::LowConfidenceCount() const {
  return static_cast<int>(std::count(low_confidence.begin(), low_confidence.end(), true));
}

double Normalise(double value, double chance, double max) {
  return (value - chance) / (max - chance);
}

Dataset LoadDataset(const DataOptions& options) {
  Dataset data;
  CsvTable scores = core::ReadCsv(options.scores);
  scores.RequireColumns(
      {"model", "benchmark", "category", "value", "random_baseline", "max_value"});

  std::map<std::string, int> model_index;
  std::vector<ModelPoint> models;
  std::map<std::string, std::string> model_origin;  // where each model's x was first seen
  if (options.models) {
    CsvTable table = core::ReadCsv(*options.models);
    table.RequireColumns({"model"});
    for (const CsvRow& row : table.rows) {
      std::string name = table.Cell(row, "model");
      if (model_index.count(name)) table.Fail(row, "model '" + name + "' listed twice");
      model_index[name] = static_cast<int>(models.size());
      models.push_back(ModelFromRow(table, row, options, name));
    }
  }

  // series key -> scores; keeps first-seen order for stable output.
  std::vector<std::string> order;
  std::map<std::string, std::vector<Score>> by_series;
  std::set<std::string> seen_benchmarks;  // to refuse a ceiling for a benchmark that is not there
  std::map<std::string, std::string> series_category;
  for (const CsvRow& row : scores.rows) {
    if (!options.setting.empty() && scores.HasColumn("setting") &&
        scores.Cell(row, "setting") != options.setting) {
      continue;
    }
    std::string model_name = scores.Cell(row, "model");
    std::string benchmark = scores.Cell(row, "benchmark");
    if (model_name.empty()) scores.Fail(row, "column 'model' is empty");
    if (benchmark.empty()) scores.Fail(row, "column 'benchmark' is empty");
    int model = -1;
    if (options.models) {
      auto it = model_index.find(model_name);
      if (it == model_index.end()) {
        scores.Fail(row, "model '" + model_name + "' is not in " + options.models->string());
      }
      model = it->second;
    } else {
      ModelPoint point = ModelFromRow(scores, row, options, model_name);
      auto it = model_index.find(model_name);
      if (it == model_index.end()) {
        model = model_index[model_name] = static_cast<int>(models.size());
        models.push_back(point);
        model_origin[model_name] = Where(scores, row);
      } else {
        model = it->second;
        if (!SameModel(models[model], point)) {
          scores.Fail(row, "model '" + model_name + "' has different x values than at " +
                               model_origin[model_name]);
        }
      }
    }
    std::string metric = scores.HasColumn("metric") ? scores.Cell(row, "metric") : "";
    std::string key = metric.empty() ? benchmark : benchmark + "/" + metric;
    bool low = scores.HasColumn("confidence") && scores.Cell(row, "confidence") == "low";
    if (low && options.exclude_low_confidence) {
      ++data.low_confidence_excluded;
      continue;
    }
    seen_benchmarks.insert(benchmark);
    std::optional<double> value = scores.OptionalNumber(row, "value");
    std::optional<double> chance = scores.OptionalNumber(row, "random_baseline");
    std::optional<double> max = scores.OptionalNumber(row, "max_value");
    if (auto it = options.ceilings.find(benchmark); it != options.ceilings.end()) max = it->second;
    if (!value || !chance || !max) {
      data.skipped.push_back({Where(scores, row), key + ": no " +
                                                      std::string(!value    ? "value"
                                                                  : !chance ? "random_baseline"
                                                                            : "max_value") +
                                                      ", cannot normalise"});
      continue;
    }
    for (auto [name, number] : {std::pair<const char*, double>{"value", *value},
                                {"random_baseline", *chance},
                                {"max_value", *max}}) {
      // A NaN or inf would propagate into every fit of its benchmark, category and ALL.
      if (!std::isfinite(number)) {
        scores.Fail(row, std::string(name) + " is " + (std::isnan(number) ? "nan" : "inf") +
                             ": scores must be finite");
      }
    }
    if (*value > *max) {
      scores.Fail(row, "value (" + std::to_string(*value) + ") exceeds max_value (" +
                           std::to_string(*max) +
                           "): a score on another scale (percent against a fraction?)");
    }
    if (!(*max > *chance)) {
      scores.Fail(row, "max_value (" + std::to_string(*max) + ") must exceed random_baseline (" +
                           std::to_string(*chance) + ")");
    }
    if (!by_series.count(key)) {
      order.push_back(key);
      series_category[key] = scores.Cell(row, "category");
    }
    for (const Score& existing : by_series[key]) {
      if (existing.model == model)
        scores.Fail(row, key + ": second score for model '" + model_name + "'");
    }
    by_series[key].push_back({model, Normalise(*value, *chance, *max), low});
  }
  if (models.empty()) throw InputError(options.scores.string() + ": no models found");
  for (const auto& [benchmark, ceiling] : options.ceilings) {
    if (!seen_benchmarks.count(benchmark)) {
      throw InputError("data.ceilings: benchmark '" + benchmark + "' is not in " +
                       options.scores.string());
    }
  }

  // Models in ascending compute; series points follow that order.
  std::vector<int> rank(models.size());
  std::vector<int> sorted(models.size());
  std::iota(sorted.begin(), sorted.end(), 0);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](int a, int b) { return models[a].flop < models[b].flop; });
  for (size_t i = 0; i < sorted.size(); ++i) {
    rank[sorted[i]] = static_cast<int>(i);
    data.models.push_back(models[sorted[i]]);
  }
  for (const std::string& key : order) {
    std::vector<Score>& points = by_series[key];
    for (Score& score : points) score.model = rank[score.model];
    std::sort(points.begin(), points.end(),
              [](const Score& a, const Score& b) { return a.model < b.model; });
    ScoreSeries series;
    series.name = key;
    series.category = series_category[key];
    for (const Score& score : points) {
      series.models.push_back(score.model);
      series.y.push_back(score.y);
      series.low_confidence.push_back(score.low_confidence);
    }
    data.benchmarks.push_back(std::move(series));
  }

  // Categories: configured groups, or every complete series of a category column value.
  auto find_series = [&](const std::string& member) -> const ScoreSeries* {
    for (const ScoreSeries& series : data.benchmarks) {
      if (series.name == member) return &series;
    }
    return nullptr;
  };
  std::vector<std::pair<std::string, std::vector<const ScoreSeries*>>> groups;
  if (!options.categories.empty()) {
    for (const auto& [name, members] : options.categories) {
      std::vector<const ScoreSeries*> found;
      for (const std::string& member : members) {
        const ScoreSeries* series = find_series(member);
        if (!series) {
          throw InputError(
              "categories: '" + name + "' lists '" + member + "', which is not a " +
              "benchmark/metric in " + options.scores.string() +
              (options.exclude_low_confidence ? " (or all its rows are low confidence)" : ""));
        }
        found.push_back(series);
      }
      groups.emplace_back(name, found);
    }
  } else {
    for (const ScoreSeries& series : data.benchmarks) {
      if (series.models.size() != data.models.size()) continue;
      auto it = std::find_if(groups.begin(), groups.end(),
                             [&](const auto& g) { return g.first == series.category; });
      if (it == groups.end()) {
        groups.emplace_back(series.category, std::vector<const ScoreSeries*>{&series});
      } else {
        it->second.push_back(&series);
      }
    }
  }
  for (const auto& [name, members] : groups) data.categories.push_back(MeanSeries(name, members));
  if (data.categories.size() > 1) {
    std::vector<const ScoreSeries*> all;
    for (const ScoreSeries& category : data.categories) all.push_back(&category);
    ScoreSeries mean = MeanSeries(options.all_name, all);
    data.categories.push_back(std::move(mean));
  }
  return data;
}

}  // namespace advlab::forecasting
