#pragma once
// Label sets for zero-shot classification and Fort's relabeling test: each
// set names every class once, in label order, so class i under set A maps to
// class i under set B. Read from a YAML file (adversarial/data/ holds the
// Fashion-MNIST one); a set of the wrong length is an InputError naming the
// file and the set.
#include <filesystem>
#include <string>
#include <vector>

#include "adversarial/image_set.h"

namespace advlab::adversarial {

struct LabelSet {
  std::string name;
  bool trained = true;  // appears in training captions
  std::vector<std::string> labels;
};

struct LabelSets {
  std::filesystem::path file;
  std::vector<std::string> classes;  // set A: the names attacks are built on
  std::vector<std::string> templates = {"a photo of a {}"};  // several: averaged
  std::vector<LabelSet> sets;                                // "names" (= classes) first

  const LabelSet& Find(const std::string& name) const;
  std::vector<std::string> Names() const;
};

LabelSets ReadLabelSets(const std::filesystem::path& file);

// Images must use the label file's classes: folder names equal to them (in
// sorted order), labels below their count. `where` names the images.
void CheckClasses(const LabelSets& sets, const ImageSet& images, const std::string& where);

// "a photo of a {}" + "coat" -> "a photo of a coat".
std::string ApplyTemplate(const std::string& text_template, const std::string& label);

}  // namespace advlab::adversarial
