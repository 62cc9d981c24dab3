#pragma once
// The text side of the lab's own CLIP-style model: lower-cased words
// ([a-z0-9] runs, with inner hyphens and apostrophes, so "t-shirt" is one
// word) looked up in a vocabulary built from the training captions. Words
// the captions never contain map to one unknown token, which is what makes
// held-out synonyms a test of generalisation rather than of memory.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace advlab::adversarial {

class WordTokenizer {
 public:
  static constexpr int64_t kPad = 0;
  static constexpr int64_t kUnknown = 1;

  // Vocabulary: every word of `corpus`, in sorted order after pad and unknown.
  static WordTokenizer Build(const std::vector<std::string>& corpus, int context);
  // Round trip through checkpoints: "context\nword\nword...".
  static WordTokenizer FromText(const std::string& saved, const std::string& where);
  std::string ToText() const;

  // Exactly context() ids: the words' ids, then kPad (longer texts are cut).
  std::vector<int64_t> Encode(const std::string& text) const;
  static std::vector<std::string> Words(const std::string& text);
  // The word of an id ("<pad>", "<unk>" for the two special ids): decoding
  // what a language model generated.
  std::string Word(int64_t id) const;

  int64_t vocabulary_size() const { return static_cast<int64_t>(words_.size()) + 2; }
  int context() const { return context_; }

 private:
  int context_ = 16;
  std::vector<std::string> words_;
  std::unordered_map<std::string, int64_t> ids_;
};

}  // namespace advlab::adversarial
