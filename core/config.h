#pragma once
// YAML configs with Hydra-style dotted overrides, validated in one place.
//
//   Config config = Config::Load("configs/forecast.yaml", {"fit.bootstrap=200"});
//   int bootstrap = config.Int("fit.bootstrap", /*fallback=*/1000, /*min=*/0, /*max=*/100000);
//   ...
//   config.RejectUnknownKeys();          // a key nobody read is a typo: error
//   std::string resolved = config.ResolvedYaml();   // every value used, defaults included
//
// Every accessor validates type and range and throws InputError naming the
// file and the dotted key. Keys missing from the file take the fallback, and
// the fallback is recorded in the resolved config so a run can be repeated
// from its own config.yaml.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace YAML {
class Node;
}

namespace advlab::core {

class Config {
 public:
  // Parses `path` (nullopt: an empty config) and applies "a.b.c=value"
  // overrides; each value is parsed as YAML, so lists like "[0.5,0.9]" work.
  static Config Load(const std::optional<std::filesystem::path>& path,
                     const std::vector<std::string>& overrides);
  static Config FromString(const std::string& yaml, const std::string& name);

  Config(const Config&);
  Config& operator=(const Config&);
  Config(Config&&) noexcept;
  Config& operator=(Config&&) noexcept;
  ~Config();

  const std::string& source() const { return source_; }
  // Directory against which relative paths in the config are resolved.
  const std::filesystem::path& base_dir() const { return base_dir_; }

  bool Has(const std::string& key) const;
  long long Int(const std::string& key, long long fallback, long long min, long long max);
  double Number(const std::string& key, double fallback, double min, double max);
  bool Bool(const std::string& key, bool fallback);
  std::string String(const std::string& key, const std::string& fallback);
  // A string that must be one of `choices`.
  std::string Choice(const std::string& key, const std::string& fallback,
                     const std::vector<std::string>& choices);
  // A path. Relative values from the config file are resolved against its
  // directory, from command-line overrides against the working directory,
  // and fallbacks against ProjectHome() (the shipped data lives there).
  std::filesystem::path Path(const std::string& key, const std::string& fallback);
  // A path that must not be empty (the others may be "" for "none").
  std::filesystem::path RequiredPath(const std::string& key, const std::string& fallback);
  std::vector<double> Numbers(const std::string& key, const std::vector<double>& fallback,
                              double min, double max);
  std::vector<std::string> Strings(const std::string& key,
                                   const std::vector<std::string>& fallback);
  // A map from free-form names to numbers (for example per-benchmark ceilings).
  std::map<std::string, double> NumberMap(const std::string& key, double min, double max);
  // A list of {name: ..., members: [...]} groups; order is kept.
  std::vector<std::pair<std::string, std::vector<std::string>>> Groups(
      const std::string& key,
      const std::vector<std::pair<std::string, std::vector<std::string>>>& fallback);

  // Throws InputError listing every key in the file that no accessor read.
  void RejectUnknownKeys() const;
  // Every key an accessor has read so far (a job's full set of keys, once its
  // options are read: the documentation tests compare it with the headers).
  const std::set<std::string>& ReadKeys() const { return used_; }
  std::string ResolvedYaml() const;

  [[noreturn]] void Fail(const std::string& key, const std::string& message) const;

 private:
  Config();
  std::optional<std::string> Scalar(const std::string& key) const;
  void Record(const std::string& key, const YAML::Node& value);

  std::string source_;
  std::filesystem::path base_dir_;
  std::unique_ptr<YAML::Node> root_;
  std::unique_ptr<YAML::Node> resolved_;
  std::set<std::string> used_;
  std::set<std::string> overridden_;
};

}  // namespace advlab::core
