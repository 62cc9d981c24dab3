#include <catch2/catch.hpp>
#include <fstream>

#include "adversarial/bpe_tokenizer.h"
#include "adversarial/word_tokenizer.h"
#include "core/error.h"
#include "tests/temp_dir.h"

using namespace advlab::adversarial;
using Catch::Matchers::Contains;

TEST_CASE("word tokenizer: words, unknowns, padding, round trip", "[adversarial][tokenizer]") {
  CHECK(WordTokenizer::Words("A photo of a T-shirt, isn't it?") ==
        std::vector<std::string>{"a", "photo", "of", "a", "t-shirt", "isn't", "it"});
  WordTokenizer tokenizer = WordTokenizer::Build({"a photo of a coat", "a bag"}, 6);
  CHECK(tokenizer.vocabulary_size() == 2 + 5);  // pad, unknown, a bag coat of photo
  std::vector<int64_t> ids = tokenizer.Encode("a photo of a parka");
  REQUIRE(ids.size() == 6);
  CHECK(ids[0] == ids[3]);
  CHECK(ids[4] == WordTokenizer::kUnknown);
  CHECK(ids[5] == WordTokenizer::kPad);
  CHECK(tokenizer.Encode("bag bag bag bag bag bag bag bag").size() == 6);
  WordTokenizer copy = WordTokenizer::FromText(tokenizer.ToText(), "test");
  CHECK(copy.Encode("a photo of a parka") == ids);
  CHECK_THROWS_AS(WordTokenizer::FromText("words\n", "ckpt"), advlab::InputError);
}

TEST_CASE("a merge that repeats a token keeps every id inside the vocabulary (fuzzer finding)",
          "[adversarial][tokenizer]") {
  advlab::testing::TempDir dir;
  // "o </w>" makes "o</w>", which the byte tokens already hold.
  std::ofstream(dir / "merges.txt") << "#version: 0.2\no </w>\nd o\n";
  BpeTokenizer bpe(dir / "merges.txt", 8);
  CHECK(bpe.end_id() == bpe.vocabulary_size() - 1);
  for (int64_t id : bpe.Encode("do")) CHECK(id < bpe.vocabulary_size());
}

TEST_CASE("BPE tokenizer follows CLIP's vocabulary layout and merges", "[adversarial][tokenizer]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "merges.txt") << "#version: 0.2\nc a\nca t</w>\nd o\ndo g</w>\n";
  BpeTokenizer bpe(dir / "merges.txt", 8);
  CHECK(bpe.vocabulary_size() == 512 + 4 + 2);
  CHECK(bpe.start_id() == 516);
  CHECK(bpe.end_id() == 517);
  // Byte stand-ins: '!' is the first id, 'a' keeps its printable order.
  CHECK(bpe.Id("!") == 0);
  CHECK(bpe.Id("a") == 'a' - '!');
  CHECK(bpe.Id("a</w>") == 256 + ('a' - '!'));
  CHECK(bpe.Pieces("cat") == std::vector<std::string>{"cat</w>"});
  CHECK(bpe.Pieces("cab") == std::vector<std::string>{"ca", "b</w>"});
  CHECK(bpe.Id("cat</w>") == 513);
  std::vector<int64_t> ids = bpe.Encode("A Cat, dog");
  CHECK(ids ==
        std::vector<int64_t>{516, 256 + ('a' - '!'), 513, 256 + (',' - '!'), 515, 517, 0, 0});
  CHECK_THROWS_WITH(bpe.Encode("a cat and a dog and more"), Contains("context is 8"));

  std::ofstream(dir / "bad.txt") << "#version\nc a\nthree parts here\n";
  CHECK_THROWS_WITH(BpeTokenizer(dir / "bad.txt"), Contains("bad.txt:3"));
  CHECK_THROWS_AS(BpeTokenizer(dir / "absent.txt"), advlab::InputError);
}
