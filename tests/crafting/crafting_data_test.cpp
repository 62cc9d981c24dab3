// The crafting demonstrations: instruction templates, the goal split and the
// demonstrations built from them.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>

#include "core/error.h"
#include "crafting/demonstrations.h"
#include "crafting/goal_split.h"
#include "tests/temp_dir.h"

using namespace advlab::crafting;
using namespace advlab::envs::crafting;
using Catch::Matchers::Contains;

namespace {

const std::string kData = std::string(ADVLAB_SOURCE_DIR) + "/crafting/data/";

Recipes Shipped() { return LoadRecipes(kData + "recipes.yaml"); }

const std::vector<std::string> kHeldOut = {"cobblestone ingot", "wood rod", "iron stairs",
                                           "gold block", "diamond rod"};

}  // namespace

TEST_CASE("instruction templates cover every subtask of every goal", "[crafting]") {
  const Recipes r = Shipped();
  const InstructionTemplates t = LoadInstructionTemplates(kData + "instructions.yaml");
  CraftingWorlds worlds(r, WorldOptions{}, 1);
  std::set<std::string> said;
  for (const Goal& goal : r.AllGoals()) {
    worlds.Reset(0, goal, 11);
    const Plan plan = PlanGoal(r, worlds.world(0));
    for (const Subtask& subtask : plan.subtasks) {
      for (size_t v = 0; v < 4; ++v) {
        const std::string text = t.Say(r, subtask, goal, v);
        INFO(text);
        CHECK(text.find('{') == std::string::npos);
        said.insert(text);
      }
    }
  }
  // Hand-checked phrasings.
  CHECK(t.Say(r, {Subtask::Kind::kCollect, 2, -1}, {2, 2}, 0) == "get iron");
  CHECK(t.Say(r, {Subtask::Kind::kCollect, 2, -1}, {2, 2}, 2) == "mine the iron ore");
  CHECK(t.Say(r, {Subtask::Kind::kCraft, -1, 0}, {2, 2}, 0) == "craft pickaxe at the workbench");
  CHECK(t.Say(r, {Subtask::Kind::kCraft, -1, -1}, {1, 2}, 1) ==
        "go to the furnace and make cobblestone ingot");
  // The corpus holds everything a demonstration can say.
  const std::vector<std::string> corpus = t.Corpus(r);
  const std::set<std::string> corpus_set(corpus.begin(), corpus.end());
  for (const std::string& text : said) CHECK(corpus_set.count(text) == 1);
}

TEST_CASE("bad instruction files are input errors naming the file and key", "[crafting]") {
  advlab::testing::TempDir dir;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"collect: [\"get {material}\"]\n", "craft"},
      {"collect: []\ncraft: [\"make {item}\"]\n", "collect"},
      {"collect: [\"get {item}\"]\ncraft: [\"make {item}\"]\n", "collect[0]"},
      {"collect: [\"get {material\"]\ncraft: [\"make {item}\"]\n", "collect[0]"},
      {"collect: [\"get {material}\"]\ncraft: [\"go to the {station}\"]\n", "craft[0]"},
      {"collect: [\"get {material}\"]\ncraft: [\"make {item}\"]\nexplain: [x]\n", "explain"},
      // Generated instructions are lower-case words with single spaces: a
      // phrasing of another shape could never be matched.
      {"collect: [\"Get {material}\"]\ncraft: [\"make {item}\"]\n", "lower-case"},
      {"collect: [\"get  {material}\"]\ncraft: [\"make {item}\"]\n", "lower-case"},
      {"collect: [\"get {material}!\"]\ncraft: [\"make {item}\"]\n", "lower-case"},
      {"collect: [\"get {material} }\"]\ncraft: [\"make {item}\"]\n", "closes no placeholder"},
      {"collect: [\"get material}\"]\ncraft: [\"make {item}\"]\n", "closes no placeholder"},
      {"collect: [\"get {material}\", \"get {material}\"]\ncraft: [\"make {item}\"]\n",
       "listed twice"},
      {"collect: [\"get {material}\"]\ncraft: [\"make {item}\"]\ncollect: [\"x {material}\"]\n",
       "'collect' appears twice"},
  };
  for (const auto& [text, key] : cases) {
    INFO(text);
    std::ofstream(dir / "i.yaml") << text;
    CHECK_THROWS_WITH(LoadInstructionTemplates(dir / "i.yaml"),
                      Contains("i.yaml") && Contains(key));
  }
}

TEST_CASE("the split holds out new combinations of seen parts", "[crafting]") {
  const Recipes r = Shipped();
  const GoalSplit split = SplitGoals(r, kHeldOut, "split.held_out");
  CHECK(split.held_out.size() == 5);
  CHECK(split.train.size() == 15);
  for (const Goal& held : split.held_out) {
    bool material = false, form = false;
    for (const Goal& seen : split.train) {
      CHECK_FALSE(seen == held);
      material = material || seen.material == held.material;
      form = form || seen.form == held.form;
    }
    CHECK((material && form));
  }
  CHECK_THROWS_WITH(SplitGoals(r, {"stone axe"}, "split.held_out"), Contains("split.held_out"));
  CHECK_THROWS_WITH(SplitGoals(r, {"wood rod", "wood rod"}, "split.held_out"), Contains("twice"));
  // Every form of wood held out: wood is no longer a seen part.
  CHECK_THROWS_WITH(
      SplitGoals(r, {"wood block", "wood stairs", "wood ingot", "wood rod"}, "split.held_out"),
      Contains("wood"));
}

TEST_CASE("demonstrations: seeded, solved, and never of a held-out goal", "[crafting]") {
  const Recipes r = Shipped();
  const InstructionTemplates t = LoadInstructionTemplates(kData + "instructions.yaml");
  const GoalSplit split = SplitGoals(r, kHeldOut, "split.held_out");
  const Demonstrations a = GenerateDemonstrations(r, WorldOptions{}, t, split.train, 3, 5);
  const Demonstrations b = GenerateDemonstrations(r, WorldOptions{}, t, split.train, 3, 5);
  const Demonstrations c = GenerateDemonstrations(r, WorldOptions{}, t, split.train, 3, 6);
  CHECK(a.episodes == 45);
  CHECK(a.planes == b.planes);
  CHECK(a.action == b.action);
  CHECK(a.instructions == b.instructions);
  CHECK(a.planes != c.planes);
  REQUIRE(a.size() > 0);
  CHECK(a.planes.size() == static_cast<size_t>(a.size() * a.plane_size));
  CHECK(a.carried.size() == static_cast<size_t>(a.size() * a.carried_size));
  std::set<int> held;
  for (const Goal& g : split.held_out) held.insert(GoalIndex(r, g));
  for (int goal : a.goal) CHECK(held.count(goal) == 0);
  // No instruction names a held-out goal either.
  for (const std::string& text : a.instructions) {
    for (const std::string& name : kHeldOut) CHECK(text.find(name) == std::string::npos);
  }
  WorldOptions short_episodes;
  short_episodes.max_steps = 5;
  CHECK_THROWS_WITH(GenerateDemonstrations(r, short_episodes, t, split.train, 1, 5),
                    Contains("world.max_steps"));
}
