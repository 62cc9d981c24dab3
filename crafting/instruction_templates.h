#pragma once
// The language of the crafting demonstrations: paraphrase templates per
// subtask kind (crafting/data/instructions.yaml), filled with the names of
// the recipes file. They stand in for the human instructions of Ask Your
// Humans, which cannot be fetched here. Torch-free.
#include <filesystem>
#include <string>
#include <vector>

#include "envs/crafting_planner.h"

namespace advlab::crafting {

namespace cw = envs::crafting;

struct InstructionTemplates {
  std::vector<std::string> collect, craft;

  // The `variant`-th paraphrase (modulo their count) of `subtask` for `goal`.
  std::string Say(const cw::Recipes& recipes, const cw::Subtask& subtask, const cw::Goal& goal,
                  size_t variant) const;
  // Every instruction any subtask of any goal can get: the vocabulary's corpus.
  std::vector<std::string> Corpus(const cw::Recipes& recipes) const;
};

// InputError naming the file and the key: a missing kind, an empty list, a
// placeholder the kind cannot fill, or one left unclosed.
InstructionTemplates LoadInstructionTemplates(const std::filesystem::path& path);

}  // namespace advlab::crafting
