#include "crafting/instruction_templates.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/error.h"
#include "core/yaml_file.h"

namespace advlab::crafting {
namespace {

std::string Fill(std::string text, const std::vector<std::pair<std::string, std::string>>& slots) {
  for (const auto& [slot, value] : slots) {
    for (size_t at = text.find(slot); at != std::string::npos; at = text.find(slot, at)) {
      text.replace(at, slot.size(), value);
      at += value.size();
    }
  }
  return text;
}

}  // namespace

std::string InstructionTemplates::Say(const cw::Recipes& recipes, const cw::Subtask& subtask,
                                      const cw::Goal& goal, size_t variant) const {
  if (subtask.kind == cw::Subtask::Kind::kCollect) {
    const cw::Material& m = recipes.materials[static_cast<size_t>(subtask.material)];
    return Fill(collect[variant % collect.size()],
                {{"{material}", m.name}, {"{resource}", m.resource}});
  }
  const bool tool = subtask.tool >= 0;
  const std::string item =
      tool ? recipes.tools[static_cast<size_t>(subtask.tool)].name : recipes.GoalName(goal);
  const int station = tool ? recipes.tools[static_cast<size_t>(subtask.tool)].station
                           : recipes.forms[static_cast<size_t>(goal.form)].station;
  return Fill(craft[variant % craft.size()],
              {{"{item}", item}, {"{station}", recipes.stations[static_cast<size_t>(station)]}});
}

std::vector<std::string> InstructionTemplates::Corpus(const cw::Recipes& recipes) const {
  std::vector<std::string> corpus;
  const cw::Goal any;
  for (int m = 0; m < recipes.MaterialCount(); ++m) {
    for (size_t v = 0; v < collect.size(); ++v) {
      corpus.push_back(Say(recipes, {cw::Subtask::Kind::kCollect, m, -1}, any, v));
    }
  }
  for (int t = 0; t < recipes.ToolCount(); ++t) {
    for (size_t v = 0; v < craft.size(); ++v) {
      corpus.push_back(Say(recipes, {cw::Subtask::Kind::kCraft, -1, t}, any, v));
    }
  }
  for (const cw::Goal& goal : recipes.AllGoals()) {
    corpus.push_back(recipes.GoalName(goal));
    for (size_t v = 0; v < craft.size(); ++v) {
      corpus.push_back(Say(recipes, {cw::Subtask::Kind::kCraft, -1, -1}, goal, v));
    }
  }
  return corpus;
}

InstructionTemplates LoadInstructionTemplates(const std::filesystem::path& path) {
  const YAML::Node root = core::LoadYamlFile(path);
  auto fail = [&](const std::string& key, const std::string& why) {
    throw InputError(path.string() + ": " + key + ": " + why);
  };
  if (!root.IsMap()) fail("(top)", "expected a mapping");
  for (const auto& entry : root) {
    const std::string key = entry.first.as<std::string>();
    if (key != "collect" && key != "craft") fail(key, "unknown key (collect, craft)");
  }
  InstructionTemplates t;
  const std::vector<std::pair<std::string, std::set<std::string>>> kinds = {
      {"collect", {"{material}", "{resource}"}}, {"craft", {"{item}", "{station}"}}};
  for (const auto& [kind, slots] : kinds) {
    const YAML::Node list = root[kind];
    if (!list || !list.IsSequence() || list.size() == 0) fail(kind, "expected a list of phrasings");
    std::vector<std::string>& out = kind == "collect" ? t.collect : t.craft;
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string key = kind + "[" + std::to_string(i) + "]";
      if (!list[i].IsScalar() || list[i].as<std::string>().empty())
        fail(key, "expected a phrasing");
      const std::string text = list[i].as<std::string>();
      bool names_what = false;
      std::string words;  // the text with each placeholder as one word
      for (size_t at = 0; at < text.size();) {
        if (text[at] == '}') fail(key, "'" + text + "': a '}' closes no placeholder");
        if (text[at] != '{') {
          words += text[at++];
          continue;
        }
        const size_t close = text.find('}', at);
        if (close == std::string::npos) fail(key, "'" + text + "': a placeholder is not closed");
        const std::string slot = text.substr(at, close - at + 1);
        if (!slots.count(slot)) fail(key, "'" + text + "': " + kind + " cannot fill " + slot);
        names_what = names_what || slot == "{material}" || slot == "{resource}" || slot == "{item}";
        words += "x";
        at = close + 1;
      }
      // Generated instructions are the tokenizer's words joined by single
      // spaces; a phrasing in any other shape could never be matched.
      bool plain = !words.empty() && words.front() != ' ' && words.back() != ' ' &&
                   words.find("  ") == std::string::npos;
      for (char c : words) {
        plain = plain && (std::islower(static_cast<unsigned char>(c)) ||
                          std::isdigit(static_cast<unsigned char>(c)) || c == ' ');
      }
      if (!plain) {
        fail(key, "'" + text + "': phrasings are lower-case words (a-z, 0-9) and single spaces");
      }
      if (std::find(out.begin(), out.end(), text) != out.end()) {
        fail(key, "'" + text + "' is listed twice (each phrasing is drawn equally often)");
      }
      // An instruction that never says what to get or make cannot guide.
      if (!names_what) fail(key, "'" + text + "' names neither the material nor the item");
      out.push_back(text);
    }
  }
  return t;
}

}  // namespace advlab::crafting
