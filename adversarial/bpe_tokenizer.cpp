#include "adversarial/bpe_tokenizer.h"

#include <cctype>
#include <sstream>

#include "adversarial/gzip_file.h"
#include "core/error.h"

namespace advlab::adversarial {
namespace {

std::string Utf8(int code_point) {
  std::string out;
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else {  // every stand-in is below 0x800: two bytes
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
  return out;
}

// The reference's bytes_to_unicode(), in its order: printable Latin-1 bytes
// stand for themselves, the other bytes for code points from 256 upwards.
std::vector<std::pair<int, int>> ByteStandIns() {
  std::vector<std::pair<int, int>> pairs;
  std::vector<bool> printable(256, false);
  for (auto [from, to] : {std::pair{0x21, 0x7E}, std::pair{0xA1, 0xAC}, std::pair{0xAE, 0xFF}}) {
    for (int b = from; b <= to; ++b) {
      printable[b] = true;
      pairs.emplace_back(b, b);
    }
  }
  int next = 256;
  for (int b = 0; b < 256; ++b) {
    if (!printable[b]) pairs.emplace_back(b, next++);
  }
  return pairs;
}

bool IsLetter(unsigned char c) { return std::isalpha(c) || c >= 0x80; }

// Where the reference's pre-tokenising pattern ends the token that starts at
// i (not a space): a special token, a contraction, a run of letters, one
// digit (\p{N}), or a run of other symbols.
size_t TokenEnd(const std::string& text, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  for (const char* special : {"<|startoftext|>", "<|endoftext|>"}) {
    const size_t length = std::char_traits<char>::length(special);
    if (text.compare(i, length, special) == 0) return i + length;
  }
  if (text[i] == '\'') {
    for (const char* c : {"'s", "'t", "'re", "'ve", "'m", "'ll", "'d"}) {
      const size_t length = std::char_traits<char>::length(c);
      if (text.compare(i, length, c) == 0) return i + length;
    }
  }
  const size_t n = text.size();
  size_t end = i + 1;
  if (IsLetter(at(i))) {
    while (end < n && IsLetter(at(end))) ++end;
  } else if (!std::isdigit(at(i))) {
    while (end < n && !std::isspace(at(end)) && !IsLetter(at(end)) && !std::isdigit(at(end))) {
      ++end;
    }
  }
  return end;
}

}  // namespace

BpeTokenizer::BpeTokenizer(const std::filesystem::path& merges_file, int context)
    : context_(context), byte_encoder_(256) {
  std::vector<std::string> vocabulary;
  for (auto [byte, code_point] : ByteStandIns()) {
    byte_encoder_[byte] = Utf8(code_point);
    vocabulary.push_back(byte_encoder_[byte]);
  }
  for (size_t i = 0; i < 256; ++i) vocabulary.push_back(vocabulary[i] + "</w>");

  std::istringstream lines(ReadMaybeGzip(merges_file, "BPE merges file"));
  std::string line;
  std::getline(lines, line);  // "#version: 0.2"
  const int kMaxMerges = 49152 - 256 - 2;
  int number = 1;
  while (static_cast<int>(ranks_.size()) < kMaxMerges && std::getline(lines, line)) {
    ++number;
    if (line.empty()) continue;
    size_t space = line.find(' ');
    if (space == std::string::npos || space == 0 ||
        line.find(' ', space + 1) != std::string::npos) {
      throw InputError(merges_file.string() + ":" + std::to_string(number) +
                       ": expected two symbols separated by one space");
    }
    std::pair<std::string, std::string> merge{line.substr(0, space), line.substr(space + 1)};
    ranks_.emplace(merge, static_cast<int>(ranks_.size()));
    vocabulary.push_back(merge.first + merge.second);
  }
  vocabulary.emplace_back("<|startoftext|>");
  vocabulary.emplace_back("<|endoftext|>");
  // Later duplicates win, as in the reference's dict(zip(vocab, range(...))).
  for (size_t i = 0; i < vocabulary.size(); ++i) encoder_[vocabulary[i]] = static_cast<int64_t>(i);
  start_ = encoder_.at("<|startoftext|>");
  end_ = encoder_.at("<|endoftext|>");
  id_count_ = static_cast<int64_t>(vocabulary.size());
}

std::vector<std::string> BpeTokenizer::Split(const std::string& text) const {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    const size_t end = TokenEnd(text, i);
    tokens.push_back(text.substr(i, end - i));
    i = end;
  }
  return tokens;
}

std::vector<std::string> BpeTokenizer::Pieces(const std::string& word) const {
  std::vector<std::string> symbols;
  for (unsigned char byte : word) symbols.push_back(byte_encoder_[byte]);
  if (symbols.empty()) return symbols;
  symbols.back() += "</w>";
  // Merge the lowest-ranked adjacent pair everywhere it occurs, until no
  // adjacent pair is a known merge.
  while (symbols.size() > 1) {
    int best = -1;
    std::pair<std::string, std::string> pair;
    for (size_t i = 0; i + 1 < symbols.size(); ++i) {
      auto it = ranks_.find({symbols[i], symbols[i + 1]});
      if (it != ranks_.end() && (best < 0 || it->second < best)) {
        best = it->second;
        pair = it->first;
      }
    }
    if (best < 0) break;
    std::vector<std::string> merged;
    for (size_t i = 0; i < symbols.size(); ++i) {
      if (i + 1 < symbols.size() && symbols[i] == pair.first && symbols[i + 1] == pair.second) {
        merged.push_back(pair.first + pair.second);
        ++i;
      } else {
        merged.push_back(symbols[i]);
      }
    }
    symbols = std::move(merged);
  }
  return symbols;
}

int64_t BpeTokenizer::Id(const std::string& piece) const {
  auto it = encoder_.find(piece);
  if (it == encoder_.end()) throw InputError("BPE vocabulary has no piece '" + piece + "'");
  return it->second;
}

std::vector<int64_t> BpeTokenizer::Encode(const std::string& text) const {
  std::string clean;
  for (char c : text) {
    clean += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  std::vector<int64_t> ids = {start_};
  for (const std::string& token : Split(clean)) {
    if (token == "<|startoftext|>" || token == "<|endoftext|>") {
      ids.push_back(Id(token));
      continue;
    }
    for (const std::string& piece : Pieces(token)) ids.push_back(Id(piece));
  }
  ids.push_back(end_);
  if (static_cast<int>(ids.size()) > context_) {
    throw InputError("text '" + text + "' needs " + std::to_string(ids.size()) +
                     " BPE tokens; the model's context is " + std::to_string(context_));
  }
  ids.resize(context_, 0);
  return ids;
}

}  // namespace advlab::adversarial
