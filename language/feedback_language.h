#pragma once
// The words of the feedback task (data/feedback_language.yaml): the objects'
// features and their surface words, a sentiment lexicon, negations,
// imperative cues, words without meaning, and the teacher's templates per
// form of feedback (training and held-out phrasings). Torch-free.
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace advlab::language {

enum class Form { kEvaluative, kImperative, kDescriptive };
constexpr Form kForms[] = {Form::kEvaluative, Form::kImperative, Form::kDescriptive};
std::string FormName(Form form);

struct FeedbackLanguage {
  std::vector<std::string> colours, shapes;  // canonical names, in file order
  // Surface word -> feature index: colours 0..C-1, then shapes C..C+S-1.
  std::map<std::string, int> feature_words;
  std::vector<std::vector<std::string>> surface_words;  // per feature, in file order
  std::map<std::string, double> sentiment;              // word -> value in [-1, 1]
  std::set<std::string> negations, cues, function_words;
  // Form -> templates with {sentiment}, {colour}, {shape} or {feature}.
  std::map<Form, std::vector<std::string>> train_templates, held_out_templates;

  int features() const { return static_cast<int>(colours.size() + shapes.size()); }
  std::string FeatureName(int feature) const;
  // The word that names a feature in speech: its first listed word, or with
  // `synonym`, any of them (the teacher's held-out phrasings).
  std::string FeatureWord(int feature, bool synonym = false, uint64_t draw = 0) const;
  // The sentiment word whose value is nearest `value`.
  std::string SentimentWord(double value) const;
};

// InputError naming the file and the key for anything malformed: a word
// listed twice, a sentiment outside [-1, 1], a template with an unknown slot,
// a form without templates.
FeedbackLanguage LoadFeedbackLanguage(const std::filesystem::path& path);

}  // namespace advlab::language
