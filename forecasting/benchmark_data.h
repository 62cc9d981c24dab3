#pragma once
// Benchmark scores per model, normalised to (value - chance) / (max - chance),
// grouped into series (one per benchmark and metric) and category means.
//
// Two inputs share one loader:
//  * the shipped GPT-3 table (data/gpt3_fewshot.csv) joined with the model
//    table (data/gpt3_models.csv), which supplies loss, parameters, tokens and
//    FLOP per model;
//  * a user CSV with columns model, benchmark, category, value,
//    random_baseline, max_value (optional: metric, setting, confidence) and
//    one x source per row: loss, or params and tokens, or compute.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "forecasting/scaling_laws.h"

namespace advlab::forecasting {

struct ModelPoint {
  std::string name;
  double loss = 0;    // validation loss, nats/token
  double params = 0;  // NaN when unknown
  double tokens = 0;  // NaN when unknown
  double flop = 0;    // training compute; always known (derived when needed)
};

struct ScoreSeries {
  std::string name;         // "HellaSwag/acc", or a category name
  std::string category;     // the category it belongs to (itself for category means)
  std::vector<int> models;  // indices into Dataset::models, ascending compute
  std::vector<double> y;    // normalised scores
  std::vector<bool>
      low_confidence;  // per point: a low-confidence source row (kept unless excluded)
  int LowConfidenceCount() const;
};

struct SkippedRow {
  std::string where;  // file:line
  std::string reason;
};

struct Dataset {
  std::vector<ModelPoint> models;  // ascending training compute
  std::vector<ScoreSeries> benchmarks;
  std::vector<ScoreSeries> categories;  // category means, then "ALL" (mean of categories)
  std::vector<SkippedRow> skipped;      // rows that could not be normalised
  int low_confidence_excluded = 0;
};

enum class LossSource { kFrontier, kKaplanLnd, kColumn };
enum class LossLaw { kKaplan, kChinchilla };

struct DataOptions {
  std::filesystem::path scores;                 // benchmark score CSV
  std::optional<std::filesystem::path> models;  // model table; nullopt: x from the score rows
  std::string setting = "few";                  // rows of other settings are ignored; "" keeps all
  bool exclude_low_confidence = false;
  std::map<std::string, double> ceilings;  // per-benchmark max_value overrides
  LossSource loss_source = LossSource::kFrontier;
  LossLaw loss_law = LossLaw::kKaplan;  // loss from params+tokens or compute
  // Category name -> members ("benchmark/metric" or "benchmark"); empty:
  // group by the category column, using series that cover every model.
  std::vector<std::pair<std::string, std::vector<std::string>>> categories;
  std::string all_name = "ALL";
};

Dataset LoadDataset(const DataOptions& options);

// (value - chance) / (max - chance)
double Normalise(double value, double chance, double max);

}  // namespace advlab::forecasting
