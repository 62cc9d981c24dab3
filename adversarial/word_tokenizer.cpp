#include "adversarial/word_tokenizer.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "core/error.h"

namespace advlab::adversarial {
namespace {

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::vector<std::string> WordTokenizer::Words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : ' ';
    bool joiner =
        (c == '-' || c == '\'') && !word.empty() && i + 1 < text.size() && IsWordChar(text[i + 1]);
    if (IsWordChar(c) || joiner) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  return words;
}

WordTokenizer WordTokenizer::Build(const std::vector<std::string>& corpus, int context) {
  std::set<std::string> vocabulary;
  for (const std::string& text : corpus) {
    for (std::string& word : Words(text)) vocabulary.insert(std::move(word));
  }
  WordTokenizer tokenizer;
  tokenizer.context_ = context;
  tokenizer.words_.assign(vocabulary.begin(), vocabulary.end());
  for (size_t i = 0; i < tokenizer.words_.size(); ++i) {
    tokenizer.ids_[tokenizer.words_[i]] = static_cast<int64_t>(i) + 2;
  }
  return tokenizer;
}

WordTokenizer WordTokenizer::FromText(const std::string& saved, const std::string& where) {
  std::istringstream in(saved);
  std::string line;
  int context = 0;
  if (!std::getline(in, line) || (context = std::atoi(line.c_str())) <= 0) {
    throw InputError(where + ": tokenizer entry does not start with a context length");
  }
  std::vector<std::string> corpus;
  while (std::getline(in, line)) {
    if (!line.empty()) corpus.push_back(line);
  }
  return Build(corpus, context);
}

std::string WordTokenizer::Word(int64_t id) const {
  if (id == kPad) return "<pad>";
  if (id < 2 || id >= vocabulary_size()) return "<unk>";
  return words_[static_cast<size_t>(id - 2)];
}

std::string WordTokenizer::ToText() const {
  std::string text = std::to_string(context_) + "\n";
  for (const std::string& word : words_) text += word + "\n";
  return text;
}

std::vector<int64_t> WordTokenizer::Encode(const std::string& text) const {
  std::vector<int64_t> ids(context_, kPad);
  std::vector<std::string> words = Words(text);
  for (size_t i = 0; i < words.size() && i < ids.size(); ++i) {
    auto it = ids_.find(words[i]);
    ids[i] = it == ids_.end() ? kUnknown : it->second;
  }
  return ids;
}

}  // namespace advlab::adversarial
