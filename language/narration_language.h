#pragma once
// The narration's language file (language/data/narration_language.yaml):
// the landmarks' colour words and the templates that phrase one step of the
// task, split into the phrasings the grounding model trains on and held-out
// ones. Loaded strictly: a bad file is an InputError naming file and key.
// Torch-free.
#include <filesystem>
#include <string>
#include <vector>

namespace advlab::language {

struct NarrationLanguage {
  std::vector<std::string> colours;
  std::vector<std::string> train_templates, held_out_templates;

  // "go to the {colour} square" with colour 0 -> "go to the red square".
  std::string Step(const std::string& template_text, int colour) const;
  const std::vector<std::string>& Templates(bool held_out) const {
    return held_out ? held_out_templates : train_templates;
  }
};

NarrationLanguage LoadNarrationLanguage(const std::filesystem::path& path);

}  // namespace advlab::language
