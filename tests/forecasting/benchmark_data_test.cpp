#include "forecasting/benchmark_data.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

#include "core/csv_reader.h"
#include "core/error.h"
#include "forecasting/forecast_options.h"
#include "tests/temp_dir.h"

using namespace advlab::forecasting;
using Catch::Matchers::Contains;

namespace {

DataOptions Gpt3Options() {
  DataOptions options;
  options.scores = std::string(ADVLAB_SOURCE_DIR) + "/forecasting/data/gpt3_fewshot.csv";
  options.models = std::string(ADVLAB_SOURCE_DIR) + "/forecasting/data/gpt3_models.csv";
  options.categories = Gpt3Categories();
  return options;
}

const ScoreSeries& Category(const Dataset& data, const std::string& name) {
  for (const ScoreSeries& s : data.categories) {
    if (s.name == name) return s;
  }
  FAIL("no category " << name);
  throw;
}

}  // namespace

TEST_CASE("GPT-3 category means match the reference golden values", "[data]") {
  Dataset data = LoadDataset(Gpt3Options());
  REQUIRE(data.models.size() == 8);
  CHECK(data.models.front().name == "GPT-3 Small");
  CHECK(data.models.back().name == "GPT-3 175B");
  // Reference section 2.3: equal-weight means of normalised few-shot scores.
  const std::tuple<const char*, double, double> golden[] = {
      {"Cloze & completion", 0.1931, 0.7807},
      {"Closed-book QA", 0.0471, 0.4753},
      {"Translation", 0.0351, 0.3705},
      {"Winograd-style", 0.1470, 0.6630},
      {"Common sense reasoning", 0.1722, 0.5348},
      {"Reading comprehension", 0.2219, 0.5147},
      {"SuperGLUE", 0.1662, 0.5514},
      {"NLI (ANLI)", 0.0140, 0.0550},
      {"Arithmetic", 0.0117, 0.6987},
      {"Word scramble", 0.0169, 0.3631},
      {"SAT analogies", 0.1313, 0.5650},
      {"ALL", 0.1051, 0.5066},
  };
  for (const auto& [name, small, largest] : golden) {
    const ScoreSeries& s = Category(data, name);
    INFO(name);
    REQUIRE(s.y.size() == 8);
    CHECK(s.y.front() == Approx(small).margin(6e-5));
    CHECK(s.y.back() == Approx(largest).margin(6e-5));
  }
}

TEST_CASE("normalisation agrees with the shipped normalized_0_1 column", "[data]") {
  auto csv = advlab::core::ReadCsv(Gpt3Options().scores);
  int checked = 0;
  for (const auto& row : csv.rows) {
    auto value = csv.OptionalNumber(row, "value");
    auto chance = csv.OptionalNumber(row, "random_baseline");
    auto max = csv.OptionalNumber(row, "max_value");
    auto golden = csv.OptionalNumber(row, "normalized_0_1");
    if (!value || !chance || !max || !golden) continue;
    CHECK(Normalise(*value, *chance, *max) == Approx(*golden).margin(6e-5));
    ++checked;
  }
  CHECK(checked > 1000);
}

TEST_CASE("rows without a chance level are skipped and reported", "[data]") {
  Dataset data = LoadDataset(Gpt3Options());
  bool ppl = false;
  for (const SkippedRow& row : data.skipped) ppl = ppl || row.reason.find("LAMBADA/ppl") == 0;
  CHECK(ppl);
}

TEST_CASE("low-confidence rows can be excluded and ceilings overridden", "[data]") {
  DataOptions options = Gpt3Options();
  options.categories.clear();
  Dataset all = LoadDataset(options);
  options.exclude_low_confidence = true;
  Dataset high = LoadDataset(options);
  CHECK(high.low_confidence_excluded == 49);  // few-shot low-confidence rows (reference 2.2)
  CHECK(all.low_confidence_excluded == 0);

  options = Gpt3Options();
  options.ceilings["HellaSwag"] = 90;
  Dataset capped = LoadDataset(options);
  for (const ScoreSeries& s : capped.benchmarks) {
    if (s.name == "HellaSwag/acc")
      CHECK(s.y.back() == Approx((79.3 - 25) / (90 - 25)).margin(1e-3));
  }
}

TEST_CASE("a user CSV brings its own x source", "[data]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "user.csv")
      << "model,benchmark,category,value,random_baseline,max_value,params,tokens\n"
         "s,quiz,QA,30,25,100,1e8,2e9\n"
         "m,quiz,QA,40,25,100,1e9,2e10\n"
         "l,quiz,QA,60,25,100,1e10,2e11\n"
         "s,cloze,Cloze,10,0,100,1e8,2e9\n"
         "m,cloze,Cloze,20,0,100,1e9,2e10\n"
         "l,cloze,Cloze,40,0,100,1e10,2e11\n";
  DataOptions options;
  options.scores = dir / "user.csv";
  options.loss_source = LossSource::kColumn;
  Dataset data = LoadDataset(options);
  REQUIRE(data.models.size() == 3);
  KaplanLaw law;
  CHECK(data.models[0].loss == Approx(law.LossFromParamsAndTokens(1e8, 2e9)));
  CHECK(data.models[2].flop == Approx(6 * 1e10 * 2e11));
  REQUIRE(data.categories.size() == 3);  // QA, Cloze, ALL
  CHECK(data.categories[0].name == "QA");
  CHECK(data.categories[0].y[0] == Approx(5.0 / 75));

  options.loss_law = LossLaw::kChinchilla;
  Dataset chinchilla = LoadDataset(options);
  CHECK(chinchilla.models[0].loss == Approx(ChinchillaLaw().Loss(1e8, 2e9)));
}

TEST_CASE("malformed score files are rejected with file and line", "[data]") {
  advlab::testing::TempDir dir;
  DataOptions options;
  options.scores = dir / "bad.csv";
  options.loss_source = LossSource::kColumn;
  auto write = [&](const std::string& text) { std::ofstream(dir / "bad.csv") << text; };
  const std::string header = "model,benchmark,category,value,random_baseline,max_value,loss\n";

  write(header + "a,q,QA,30,25,100,2.0\nb,q,QA,thirty,25,100,1.9\n");
  CHECK_THROWS_WITH(LoadDataset(options), Contains("bad.csv:3") && Contains("'value'"));

  write(header + "a,q,QA,30,25,100,2.0\nb,q,QA,40,25,100\n");
  CHECK_THROWS_WITH(LoadDataset(options), Contains("bad.csv:3") && Contains("fields"));

  write(header + "a,q,QA,30,25,100,2.0\na,r,QA,40,25,100,1.9\n");
  CHECK_THROWS_WITH(LoadDataset(options), Contains("bad.csv:3") && Contains("different x"));

  write(header + "a,q,QA,30,50,50,2.0\n");
  CHECK_THROWS_WITH(LoadDataset(options), Contains("bad.csv:2") && Contains("max_value"));

  write("model,benchmark,value\na,q,3\n");
  CHECK_THROWS_WITH(LoadDataset(options), Contains("bad.csv:1") && Contains("category"));

  write("model,benchmark,category,value,random_baseline,max_value\na,q,QA,30,25,100\n");
  CHECK_THROWS_WITH(LoadDataset(options), Contains("bad.csv:2") && Contains("no x source"));

  write(header + "a,q,QA,30,25,100,-1\n");
  CHECK_THROWS_WITH(LoadDataset(options), Contains("bad.csv:2") && Contains("'loss'"));

  // Non-finite scores would turn every fit of the benchmark, its category and ALL into NaN.
  write(header + "a,q,QA,30,25,100,2.0\nb,q,QA,nan,25,100,1.9\n");
  CHECK_THROWS_WITH(LoadDataset(options), Contains("bad.csv:3") && Contains("value is nan"));
  write(header + "a,q,QA,30,25,inf,2.0\n");
  CHECK_THROWS_WITH(LoadDataset(options), Contains("bad.csv:2") && Contains("max_value is inf"));
  write(header + "a,q,QA,30,25,100,inf\n");
  CHECK_THROWS_WITH(LoadDataset(options), Contains("bad.csv:2") && Contains("not inf"));
  // 500 on a 0-100 scale is a unit mistake, not a score of 6.33.
  write(header + "a,q,QA,500,25,100,2.0\n");
  CHECK_THROWS_WITH(LoadDataset(options), Contains("bad.csv:2") && Contains("exceeds max_value"));

  write(header + "a,q,QA,30,25,100,2.0\nb,q,QA,40,25,100,1.9\n");
  options.ceilings["NoSuchBenchmark"] = 90;
  CHECK_THROWS_WITH(LoadDataset(options), Contains("data.ceilings") && Contains("NoSuchBenchmark"));
  options.ceilings.clear();

  options.scores = dir / "absent.csv";
  CHECK_THROWS_WITH(LoadDataset(options), Contains("absent.csv"));
}

TEST_CASE("configured categories must name existing series", "[data]") {
  DataOptions options = Gpt3Options();
  options.categories = {{"Mine", {"HellaSwag/acc", "NoSuchBench/acc"}}};
  CHECK_THROWS_WITH(LoadDataset(options), Contains("NoSuchBench/acc"));
}
