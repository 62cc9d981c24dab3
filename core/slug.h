#pragma once
// File-name stems from titles and names: "UED training: paired" ->
// "ued_training_paired" (lower-case letters and digits, one '_' for each run
// of anything else, none at the ends).
#include <string>

namespace advlab::core {

std::string Slug(const std::string& text);

}  // namespace advlab::core
