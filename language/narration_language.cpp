#include "language/narration_language.h"

#include <algorithm>
#include <regex>

#include "core/error.h"
#include "core/yaml_file.h"

namespace advlab::language {
namespace {

constexpr const char* kSlot = "{colour}";

std::vector<std::string> ReadList(const YAML::Node& node, const std::string& key,
                                  const std::filesystem::path& path) {
  auto fail = [&](const std::string& why) {
    throw InputError(path.string() + ": " + key + ": " + why);
  };
  if (!node || !node.IsSequence() || node.size() == 0) fail("expected a non-empty list");
  std::vector<std::string> items;
  items.reserve(node.size());
  for (const YAML::Node& item : node) {
    if (!item.IsScalar()) fail("expected text items");
    const std::string text = item.as<std::string>();
    // The tokenizer lower-cases and splits on anything but words; a template
    // that relies on either would read differently from what it says.
    static const std::regex kWords("[a-z0-9{}']+( [a-z0-9{}']+)*");
    if (!std::regex_match(text, kWords)) {
      fail("'" + text + "' is not lower-case words separated by single spaces");
    }
    if (std::find(items.begin(), items.end(), text) != items.end()) {
      fail("'" + text + "' is listed twice");
    }
    items.push_back(text);
  }
  return items;
}

}  // namespace

std::string NarrationLanguage::Step(const std::string& template_text, int colour) const {
  std::string text = template_text;
  text.replace(text.find(kSlot), std::string(kSlot).size(), colours[static_cast<size_t>(colour)]);
  return text;
}

NarrationLanguage LoadNarrationLanguage(const std::filesystem::path& path) {
  const YAML::Node root = core::LoadYamlFile(path);
  auto fail = [&](const std::string& key, const std::string& why) {
    throw InputError(path.string() + ": " + key + ": " + why);
  };
  if (!root.IsMap()) fail("(top)", "expected a mapping with colours and templates");
  for (const auto& entry : root) {
    const std::string key = entry.first.as<std::string>();
    if (key != "colours" && key != "templates") fail(key, "unknown key (colours, templates)");
  }
  NarrationLanguage language;
  language.colours = ReadList(root["colours"], "colours", path);
  for (const std::string& colour : language.colours) {
    if (colour.find_first_of("{} '") != std::string::npos) {
      fail("colours", "'" + colour + "' is not one word");
    }
  }
  const YAML::Node templates = root["templates"];
  if (!templates || !templates.IsMap()) fail("templates", "expected a mapping (train, held_out)");
  for (const auto& entry : templates) {
    const std::string key = entry.first.as<std::string>();
    if (key != "train" && key != "held_out")
      fail("templates." + key, "unknown key (train, held_out)");
  }
  language.train_templates = ReadList(templates["train"], "templates.train", path);
  language.held_out_templates = ReadList(templates["held_out"], "templates.held_out", path);
  for (const bool held_out : {false, true}) {
    const std::string key = held_out ? "templates.held_out" : "templates.train";
    for (const std::string& t : language.Templates(held_out)) {
      const size_t first = t.find(kSlot);
      if (first == std::string::npos || t.find(kSlot, first + 1) != std::string::npos ||
          std::count(t.begin(), t.end(), '{') != 1 || std::count(t.begin(), t.end(), '}') != 1) {
        fail(key, "'" + t + "' must hold {colour} exactly once and no other braces");
      }
    }
  }
  for (const std::string& t : language.held_out_templates) {
    if (std::find(language.train_templates.begin(), language.train_templates.end(), t) !=
        language.train_templates.end()) {
      fail("templates.held_out", "'" + t + "' is a training template too");
    }
  }
  return language;
}

}  // namespace advlab::language
