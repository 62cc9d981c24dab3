// Learning rewards from linguistic feedback: the lexicon, the interpreter on
// hand-written sentences, the teacher's speech read back, and the Laplace
// posterior against a hand computation.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <random>

#include "core/error.h"
#include "language/feedback_language.h"
#include "language/feedback_task.h"
#include "language/interpreter.h"
#include "language/reward_posterior.h"
#include "tests/temp_dir.h"

using namespace advlab::language;
using Catch::Matchers::Contains;

namespace {

const FeedbackLanguage& Shipped() {
  static const FeedbackLanguage language = LoadFeedbackLanguage(
      std::string(ADVLAB_SOURCE_DIR) + "/language/data/feedback_language.yaml");
  return language;
}

int Feature(const std::string& name) {
  const FeedbackLanguage& l = Shipped();
  for (int f = 0; f < l.features(); ++f) {
    if (l.FeatureName(f) == name) return f;
  }
  FAIL("no feature " << name);
  return -1;
}

}  // namespace

TEST_CASE("the interpreter reads hand-written feedback", "[language]") {
  const FeedbackLanguage& l = Shipped();
  Meaning m = Interpret(l, "Great job!");
  CHECK(m.understood);
  CHECK(m.form == Form::kEvaluative);
  CHECK(m.sentiment == Approx(1.0));
  m = Interpret(l, "that was not good");
  CHECK(m.form == Form::kEvaluative);
  CHECK(m.sentiment == Approx(-0.6));
  m = Interpret(l, "You should have picked the crimson ball");
  CHECK(m.form == Form::kImperative);
  CHECK(m.features == std::vector<int>{Feature("red"), Feature("circle")});
  m = Interpret(l, "blue things are bad");
  CHECK(m.form == Form::kDescriptive);
  CHECK(m.features == std::vector<int>{Feature("blue")});
  CHECK(m.sentiment == Approx(-0.6));
  // An unknown word is listed and adds nothing; the rest still reads.
  m = Interpret(l, "anything golden is terrible");
  CHECK(m.form == Form::kDescriptive);
  CHECK(m.features == std::vector<int>{Feature("yellow")});
  CHECK(m.unknown_words == std::vector<std::string>{"anything"});
  // Never guessed: an unknown feature is not read as praise of the episode.
  m = Interpret(l, "purple things are good");
  CHECK_FALSE(m.understood);
  CHECK(m.unknown_words == std::vector<std::string>{"purple"});
  CHECK_FALSE(Interpret(l, "take the red one").understood);  // no shape: which object?
  CHECK_FALSE(Interpret(l, "").understood);
}

TEST_CASE("every template the teacher speaks reads back as meant", "[language]") {
  const FeedbackLanguage& l = Shipped();
  std::mt19937_64 rng(3);
  std::normal_distribution<double> gauss(0, 1);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<double> w(static_cast<size_t>(l.features()));
    for (double& x : w) x = gauss(rng);
    Episode e;
    e.options = SampleOptions(l, 4, rng);
    e.chosen = static_cast<int>(rng() % 4);
    for (Form form : kForms) {
      for (bool held_out : {false, true}) {
        const Utterance said = Speak(l, form, w, e, 0.0, held_out, rng);
        const Meaning heard = Interpret(l, said.text);
        INFO(said.text);
        REQUIRE(heard.understood);
        CHECK(heard.form == form);
        if (form != Form::kEvaluative) CHECK(heard.features == said.features);
        if (form != Form::kImperative) CHECK((heard.sentiment >= 0) == (said.sentiment >= 0));
      }
    }
    // Without noise the imperative names the best option.
    const Utterance told = Speak(l, Form::kImperative, w, e, 0.0, false, rng);
    const Object& best = e.options[static_cast<size_t>(BestOption(l, w, e.options))];
    CHECK(told.features[0] == best.colour);
  }
}

TEST_CASE("the Laplace posterior matches a hand computation", "[language]") {
  // One feature, prior N(0, 1), one evaluative "great" (s = 1) about x = 1,
  // beta = 1: the mode solves w = sigmoid(-w), the variance is
  // 1 / (1 + sigmoid(w) sigmoid(-w)).
  RewardPosterior posterior(1, Listener::kLiteral, /*beta=*/1.0);
  Observation o;
  o.form = Form::kEvaluative;
  o.sentiment = 1.0;
  o.chosen = {1.0};
  posterior.Add(o);
  double low = 0, high = 1;
  for (int i = 0; i < 100; ++i) {
    const double mid = 0.5 * (low + high);
    (mid < 1 / (1 + std::exp(mid)) ? low : high) = mid;
  }
  const double mode = 0.5 * (low + high);
  CHECK(posterior.mean()[0] == Approx(mode).epsilon(1e-8));
  const double s = 1 / (1 + std::exp(-mode));
  CHECK(posterior.covariance()(0, 0) == Approx(1 / (1 + s * (1 - s))).epsilon(1e-4));
  // Half the sentiment, half the log-likelihood's weight: a smaller step.
  RewardPosterior mild(1, Listener::kLiteral, 1.0);
  o.sentiment = 0.5;
  mild.Add(o);
  CHECK(mild.mean()[0] > 0);
  CHECK(mild.mean()[0] < mode);
}

TEST_CASE("listeners: descriptive feedback moves its feature, imperative ranks the options",
          "[language]") {
  RewardPosterior literal(4, Listener::kLiteral), pragmatic(4, Listener::kPragmatic);
  Observation d;
  d.form = Form::kDescriptive;
  d.sentiment = -1.0;
  d.feature = 2;
  d.present = {0, 2, 3};
  literal.Add(d);
  pragmatic.Add(d);
  CHECK(literal.mean()[2] < 0);
  for (int f : {0, 1, 3}) CHECK(literal.mean()[f] == Approx(0).margin(1e-9));
  // The pragmatic listener also takes it that feature 2 mattered most.
  CHECK(pragmatic.mean()[2] < literal.mean()[2]);

  RewardPosterior ranked(4, Listener::kPragmatic);
  Observation i;
  i.form = Form::kImperative;
  i.options = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}};
  i.named = 1;
  ranked.Add(i);
  CHECK(ranked.mean()[1] > 0);
  CHECK(ranked.mean()[0] < 0);  // better than the alternatives, not just good
  CHECK(ranked.mean()[2] < 0);
  CHECK(ranked.mean()[3] == Approx(0).margin(1e-9));
}

TEST_CASE("a malformed language file names the file and the key", "[language]") {
  advlab::testing::TempDir dir;
  const std::string shipped =
      std::string(ADVLAB_SOURCE_DIR) + "/language/data/feedback_language.yaml";
  std::ifstream in(shipped);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  auto message = [&](const std::string& from, const std::string& to) {
    std::string broken = text;
    const size_t at = broken.find(from);
    REQUIRE(at != std::string::npos);
    broken.replace(at, from.size(), to);
    const auto path = dir / "broken.yaml";
    std::ofstream(path) << broken;
    try {
      LoadFeedbackLanguage(path);
    } catch (const advlab::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message("great: 1.0", "great: 2.0"), Contains("sentiment.great"));
  CHECK_THAT(message("emerald]", "emerald, red]"), Contains("'red' is listed twice"));
  CHECK_THAT(message("{sentiment} job", "{mood} job"),
             Contains("'{mood} job' must hold {sentiment} once each"));
  CHECK_THAT(message("{sentiment} job", "job"), Contains("templates.evaluative.train"));
  CHECK_THAT(message("{colour} {shape}\", \"next", "{colour}\", \"next"),
             Contains("templates.imperative.train"));
  CHECK_THAT(message("negations:", "negation:"), Contains("negation: unknown section"));
  CHECK_THAT(message("red: [red,", "red: [Red,"), Contains("words are lower case"));
  CHECK_THAT(message("  colours:\n    red: [red, crimson, scarlet]\n    green: [green, emerald]\n"
                     "    blue: [blue, navy, azure]\n    yellow: [yellow, golden]\n",
                     "  colours: {}\n"),
             Contains("features.colours: lists none"));
  CHECK_THAT(message("evaluative:\n    train", "sarcastic: {}\n  evaluative:\n    train"),
             Contains("templates.sarcastic: unknown form"));
  CHECK_THAT(message("great: 1.0", "great: [1"), Contains("broken.yaml:"));
  CHECK_THROWS_AS(LoadFeedbackLanguage(dir / "missing.yaml"), advlab::InputError);
}
