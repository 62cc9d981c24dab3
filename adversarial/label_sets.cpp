#include "adversarial/label_sets.h"

#include "core/config.h"
#include "core/error.h"

namespace advlab::adversarial {

const LabelSet& LabelSets::Find(const std::string& name) const {
  for (const LabelSet& set : sets) {
    if (set.name == name) return set;
  }
  std::string known;
  for (const std::string& n : Names()) known += (known.empty() ? "" : ", ") + n;
  throw InputError(file.string() + ": no label set '" + name + "' (has " + known + ")");
}

std::vector<std::string> LabelSets::Names() const {
  std::vector<std::string> names;
  for (const LabelSet& set : sets) names.push_back(set.name);
  return names;
}

LabelSets ReadLabelSets(const std::filesystem::path& file) {
  if (!std::filesystem::is_regular_file(file)) {
    throw InputError(file.string() + ": no such label-set file");
  }
  core::Config config = core::Config::Load(file, {});
  LabelSets result;
  result.file = file;
  result.classes = config.Strings("classes", result.classes);
  result.templates = config.Strings("templates", result.templates);
  if (result.classes.size() < 2) config.Fail("classes", "needs at least two class names");
  for (const std::string& t : result.templates) {
    if (t.find("{}") == std::string::npos) config.Fail("templates", "'" + t + "' has no {}");
  }
  result.sets.push_back({"names", true, result.classes});
  for (const char* group : {"trained", "held_out"}) {
    for (auto& [name, labels] : config.Groups(group, {})) {
      if (labels.size() != result.classes.size()) {
        config.Fail(group, "set '" + name + "' has " + std::to_string(labels.size()) +
                               " labels for " + std::to_string(result.classes.size()) + " classes");
      }
      if (name == "names") {
        if (labels != result.classes) config.Fail(group, "set 'names' must equal classes");
        continue;
      }
      for (const LabelSet& existing : result.sets) {
        if (existing.name == name) config.Fail(group, "set '" + name + "' appears twice");
      }
      result.sets.push_back({name, std::string(group) == "trained", labels});
    }
  }
  config.RejectUnknownKeys();
  return result;
}

void CheckClasses(const LabelSets& sets, const ImageSet& images, const std::string& where) {
  if (!images.class_names.empty() && images.class_names != sets.classes) {
    throw InputError(sets.file.string() + ": classes must equal the folders of " + where +
                     " in sorted order");
  }
  for (int label : images.labels) {
    if (label < 0 || label >= static_cast<int>(sets.classes.size())) {
      throw InputError(where + ": label " + std::to_string(label) + " but " + sets.file.string() +
                       " names " + std::to_string(sets.classes.size()) + " classes");
    }
  }
}

std::string ApplyTemplate(const std::string& text_template, const std::string& label) {
  std::string text = text_template;
  size_t at = text.find("{}");
  if (at != std::string::npos) text.replace(at, 2, label);
  return text;
}

}  // namespace advlab::adversarial
