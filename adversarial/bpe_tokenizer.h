#pragma once
// OpenAI CLIP's byte-pair tokenizer (openai/CLIP clip/simple_tokenizer.py),
// for external TorchScript CLIP models: bytes mapped to printable unicode,
// merges ranked by their line in the merges file (first line: a version
// header; plain or gzip), a word's last symbol marked "</w>", ids in the
// order bytes, bytes+"</w>", merges, <|startoftext|>, <|endoftext|>.
// Differences: no ftfy/html clean-up, and the split pattern treats ASCII
// letters and any non-ASCII byte as letters (the reference uses \p{L}).
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace advlab::adversarial {

class BpeTokenizer {
 public:
  // The reference reads at most 49152 - 256 - 2 merges: so do we.
  explicit BpeTokenizer(const std::filesystem::path& merges_file, int context = 77);

  // [<|startoftext|>, ids..., <|endoftext|>, 0...], exactly context() long;
  // a text that does not fit is an InputError (the reference raises too).
  std::vector<int64_t> Encode(const std::string& text) const;
  // The byte-pair pieces of one lower-case word, e.g. "hello" -> "hel", "lo</w>".
  std::vector<std::string> Pieces(const std::string& word) const;
  int64_t Id(const std::string& piece) const;

  // The id range (largest id + 1); a merges file whose merges repeat a token
  // has fewer distinct tokens than ids (later duplicates win, as in the reference).
  int64_t vocabulary_size() const { return id_count_; }
  int64_t start_id() const { return start_; }
  int64_t end_id() const { return end_; }
  int context() const { return context_; }

 private:
  std::vector<std::string> Split(const std::string& text) const;

  int context_;
  std::vector<std::string> byte_encoder_;  // byte -> UTF-8 of its printable stand-in
  std::map<std::pair<std::string, std::string>, int> ranks_;
  std::unordered_map<std::string, int64_t> encoder_;
  int64_t start_ = 0, end_ = 0, id_count_ = 0;
};

}  // namespace advlab::adversarial
