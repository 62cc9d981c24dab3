#include "language/feedback_language.h"

#include <cctype>
#include <cmath>
#include <regex>

#include "core/error.h"
#include "core/yaml_file.h"

namespace advlab::language {
namespace {

class Reader {
 public:
  explicit Reader(std::filesystem::path path) : path_(std::move(path)) {}
  [[noreturn]] void Fail(const std::string& key, const std::string& why) const {
    throw InputError(path_.string() + ": " + key + ": " + why);
  }
  YAML::Node Map(const YAML::Node& parent, const std::string& key) const {
    const YAML::Node node = parent[key.substr(key.rfind('.') + 1)];
    if (!node || !node.IsMap()) Fail(key, "expected a mapping");
    return node;
  }
  std::vector<std::string> Words(const YAML::Node& node, const std::string& key) const {
    if (!node || !node.IsSequence() || node.size() == 0) Fail(key, "expected a list of words");
    std::vector<std::string> words;
    for (const YAML::Node& w : node) {
      if (!w.IsScalar() || w.as<std::string>().empty()) Fail(key, "expected words");
      words.push_back(w.as<std::string>());
    }
    return words;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace

std::string FormName(Form form) {
  switch (form) {
    case Form::kEvaluative:
      return "evaluative";
    case Form::kImperative:
      return "imperative";
    case Form::kDescriptive:
      return "descriptive";
  }
  return "?";
}

std::string FeedbackLanguage::FeatureName(int feature) const {
  const int c = static_cast<int>(colours.size());
  return feature < c ? colours[static_cast<size_t>(feature)]
                     : shapes[static_cast<size_t>(feature - c)];
}

std::string FeedbackLanguage::FeatureWord(int feature, bool synonym, uint64_t draw) const {
  const std::vector<std::string>& words = surface_words[static_cast<size_t>(feature)];
  return synonym ? words[draw % words.size()] : words.front();
}

std::string FeedbackLanguage::SentimentWord(double value) const {
  std::string best;
  double distance = 1e9;
  for (const auto& [word, v] : sentiment) {
    if (std::abs(v - value) < distance) {
      distance = std::abs(v - value);
      best = word;
    }
  }
  return best;
}

FeedbackLanguage LoadFeedbackLanguage(const std::filesystem::path& path) {
  Reader r(path);
  const YAML::Node root = core::LoadYamlFile(path);
  if (!root.IsMap()) r.Fail("(top)", "expected a mapping");
  const std::set<std::string> sections = {"features",        "sentiment",      "negations",
                                          "imperative_cues", "function_words", "templates"};
  for (const auto& entry : root) {
    const std::string key = entry.first.as<std::string>();
    if (!sections.count(key)) r.Fail(key, "unknown section");
  }
  FeedbackLanguage l;
  std::set<std::string> used;
  auto claim = [&](const std::string& word, const std::string& key) {
    // Speech is read lower-cased (the tokenizer's words).
    for (char c : word) {
      if (std::isupper(static_cast<unsigned char>(c)) ||
          std::isspace(static_cast<unsigned char>(c))) {
        r.Fail(key, "'" + word + "': words are lower case, without spaces");
      }
    }
    if (!used.insert(word).second) r.Fail(key, "the word '" + word + "' is listed twice");
  };
  const YAML::Node features = r.Map(root, "features");
  for (const char* kind : {"colours", "shapes"}) {
    const std::string key = std::string("features.") + kind;
    if (r.Map(features, key).size() == 0) r.Fail(key, "lists none");
    for (const auto& entry : r.Map(features, key)) {
      const std::string name = entry.first.as<std::string>();
      (std::string(kind) == "colours" ? l.colours : l.shapes).push_back(name);
      // Colours are read first, so they take 0..C-1 and shapes C..C+S-1.
      const int index = static_cast<int>(l.colours.size() + l.shapes.size()) - 1;
      l.surface_words.push_back(r.Words(entry.second, key + "." + name));
      for (const std::string& w : l.surface_words.back()) {
        claim(w, key + "." + name);
        l.feature_words[w] = index;
      }
    }
  }
  if (r.Map(root, "sentiment").size() == 0) r.Fail("sentiment", "lists no words");
  for (const auto& entry : r.Map(root, "sentiment")) {
    const std::string word = entry.first.as<std::string>();
    double value = 0;
    try {
      value = entry.second.as<double>();
    } catch (const YAML::Exception&) {
      r.Fail("sentiment." + word, "expected a number");
    }
    if (!(value >= -1 && value <= 1)) r.Fail("sentiment." + word, "must lie in [-1, 1]");
    claim(word, "sentiment." + word);
    l.sentiment[word] = value;
  }
  for (const auto& [key, set] :
       {std::pair{"negations", &l.negations}, std::pair{"imperative_cues", &l.cues},
        std::pair{"function_words", &l.function_words}}) {
    for (const std::string& w : r.Words(root[key], key)) {
      claim(w, key);
      set->insert(w);
    }
  }
  const YAML::Node templates = r.Map(root, "templates");
  for (const auto& entry : templates) {
    const std::string name = entry.first.as<std::string>();
    if (name != "evaluative" && name != "imperative" && name != "descriptive") {
      r.Fail("templates." + name, "unknown form (evaluative, imperative, descriptive)");
    }
  }
  // Each form's templates carry exactly its slots, once each.
  const std::map<Form, std::set<std::string>> slots = {
      {Form::kEvaluative, {"sentiment"}},
      {Form::kImperative, {"colour", "shape"}},
      {Form::kDescriptive, {"feature", "sentiment"}}};
  const std::regex slot("\\{([a-z]+)\\}");
  for (Form form : kForms) {
    const std::string key = "templates." + FormName(form);
    const YAML::Node node = r.Map(templates, key);
    for (const char* part : {"train", "held_out"}) {
      auto& into = std::string(part) == "train" ? l.train_templates : l.held_out_templates;
      for (const std::string& t : r.Words(node[part], key + "." + part)) {
        std::multiset<std::string> found;
        for (std::sregex_iterator m(t.begin(), t.end(), slot), end; m != end; ++m) {
          found.insert((*m)[1].str());
        }
        const std::string rest = std::regex_replace(t, slot, "");
        const std::set<std::string> distinct(found.begin(), found.end());
        if (distinct != slots.at(form) || found.size() != distinct.size() ||
            rest.find_first_of("{}") != std::string::npos) {
          std::string expected;
          for (const std::string& n : slots.at(form)) expected += " {" + n + "}";
          r.Fail(key + "." + part, "'" + t + "' must hold" + expected + " once each and no other");
        }
        into[form].push_back(t);
      }
    }
  }
  return l;
}

}  // namespace advlab::language
