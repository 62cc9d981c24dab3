#include "core/config.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "core/error.h"
#include "tests/temp_dir.h"

using advlab::InputError;
using advlab::core::Config;
using Catch::Matchers::Contains;

TEST_CASE("config reads typed values and falls back to defaults", "[config]") {
  Config config = Config::FromString("fit:\n  bootstrap: 200\n  band: 0.8\nname: abc\n", "c.yaml");
  CHECK(config.Int("fit.bootstrap", 1000, 0, 100000) == 200);
  CHECK(config.Number("fit.band", 0.9, 0, 1) == Approx(0.8));
  CHECK(config.String("name", "x") == "abc");
  CHECK(config.Int("fit.starts", 8, 1, 64) == 8);
  CHECK_NOTHROW(config.RejectUnknownKeys());
  std::string resolved = config.ResolvedYaml();
  CHECK_THAT(resolved, Contains("starts: 8"));
  CHECK_THAT(resolved, Contains("bootstrap: 200"));
}

TEST_CASE("dotted overrides replace and add keys", "[config]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "c.yaml") << "fit:\n  bootstrap: 1000\n";
  Config config = Config::Load(dir / "c.yaml", {"fit.bootstrap=50", "forecast.levels=[0.25,0.75]"});
  CHECK(config.Int("fit.bootstrap", 1, 0, 100000) == 50);
  CHECK(config.Numbers("forecast.levels", {0.5}, 0, 1) == std::vector<double>{0.25, 0.75});
}

TEST_CASE("config errors name the file and the key", "[config]") {
  Config config =
      Config::FromString("fit:\n  bootstrap: lots\n  band: 2\n  colour: red\n", "c.yaml");
  CHECK_THROWS_WITH(config.Int("fit.bootstrap", 1, 0, 10),
                    Contains("c.yaml") && Contains("fit.bootstrap") && Contains("integer"));
  CHECK_THROWS_WITH(config.Number("fit.band", 0.9, 0, 1),
                    Contains("fit.band") && Contains("out of range"));
  CHECK_THROWS_AS(config.Choice("fit.colour", "blue", {"blue", "green"}), InputError);
  Config unknown = Config::FromString("fit:\n  bootstrp: 3\n", "c.yaml");
  unknown.Int("fit.bootstrap", 1, 0, 10);
  CHECK_THROWS_WITH(unknown.RejectUnknownKeys(), Contains("fit.bootstrp"));
}

TEST_CASE("config rejects malformed YAML and bad override syntax", "[config]") {
  CHECK_THROWS_WITH(Config::FromString("a: [1, 2\n", "bad.yaml"), Contains("bad.yaml"));
  CHECK_THROWS_WITH(Config::Load(std::nullopt, {"novalue"}), Contains("key=value"));
  CHECK_THROWS_WITH(Config::Load(std::filesystem::path("/nonexistent/c.yaml"), {}),
                    Contains("/nonexistent/c.yaml"));
}

TEST_CASE("relative paths resolve against the config file's directory", "[config]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "c.yaml") << "data: scores.csv\n";
  Config config = Config::Load(dir / "c.yaml", {});
  CHECK(config.Path("data", "x.csv") == dir / "scores.csv");
}

TEST_CASE("groups keep their order and validate their fields", "[config]") {
  Config config = Config::FromString(
      "groups:\n  - {name: B, members: [x, y]}\n  - {name: A, members: [z]}\n", "c.yaml");
  auto groups = config.Groups("groups", {});
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].first == "B");
  CHECK(groups[0].second == std::vector<std::string>{"x", "y"});
  Config bad = Config::FromString("groups:\n  - {name: B, memebrs: [x]}\n", "c.yaml");
  CHECK_THROWS_WITH(bad.Groups("groups", {}), Contains("memebrs"));
}

TEST_CASE("a key given twice is an error naming both lines", "[config]") {
  const std::string yaml =
      "fit:\n  bootstrap: 10\nplot:\n  grid_points: 5\nfit:\n  bootstrap: 20\n";
  CHECK_THROWS_WITH(advlab::core::Config::FromString(yaml, "c.yaml"),
                    Catch::Matchers::Contains("c.yaml:5") && Catch::Matchers::Contains("'fit'") &&
                        Catch::Matchers::Contains("line 1"));
  CHECK_THROWS_WITH(advlab::core::Config::FromString("a:\n  b: 1\n  b: 2\n", "d.yaml"),
                    Catch::Matchers::Contains("d.yaml:3") && Catch::Matchers::Contains("'a.b'"));
}

TEST_CASE("a key that is a list or a map is refused (a fuzzer finding)", "[config]") {
  CHECK_THROWS_WITH(
      advlab::core::Config::FromString("ppo:\n  ? worlds: 4\n  : 1\n", "k.yaml"),
      Catch::Matchers::Contains("k.yaml:2") && Catch::Matchers::Contains("plain name"));
}

TEST_CASE("a directory given as the config is refused", "[config]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "huge.yaml") << std::string(2 << 20, '#');
  CHECK_THROWS_WITH(advlab::core::Config::Load(dir / "huge.yaml", {}),
                    Catch::Matchers::Contains("larger than 1 MiB"));
  CHECK_THROWS_WITH(advlab::core::Config::Load(dir.path(), {}),
                    Catch::Matchers::Contains("not a config file"));
}

TEST_CASE("an empty required path names the key", "[config]") {
  advlab::core::Config config = advlab::core::Config::Load(std::nullopt, {"data.root="});
  CHECK_THROWS_WITH(config.RequiredPath("data.root", "/usr/share/datasets/fashion-mnist"),
                    Catch::Matchers::Contains("data.root") && Catch::Matchers::Contains("empty"));
  advlab::core::Config optional = advlab::core::Config::Load(std::nullopt, {"data.models="});
  CHECK(optional.Path("data.models", "").empty());
}
