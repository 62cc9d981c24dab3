#include "core/slug.h"

#include <catch2/catch.hpp>

TEST_CASE("slugs keep letters and digits, one underscore per gap", "[core]") {
  using advlab::core::Slug;
  CHECK(Slug("UED training: paired") == "ued_training_paired");
  CHECK(Slug("Cloze & completion") == "cloze_completion");
  CHECK(Slug("  GPT-3 (175B)!") == "gpt_3_175b");
  CHECK(Slug("&&&").empty());
}
