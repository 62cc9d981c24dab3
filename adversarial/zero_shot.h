#pragma once
// Zero-shot classification as CLIP does it: each class is the text embedding
// of its label, or with several templates the mean of the unit embeddings
// renormalised (openai/CLIP's zeroshot_classifier); logits = scale *
// cos(image, class). Logits are differentiable with respect to the pixels and
// nothing else, which is all an attack needs.
#include <torch/torch.h>

#include <filesystem>
#include <string>
#include <vector>

#include "adversarial/dual_encoder.h"
#include "adversarial/label_sets.h"
#include "adversarial/summaries.h"

namespace advlab::adversarial {

class ZeroShotClassifier {
 public:
  ZeroShotClassifier(DualEncoder& encoder, const std::vector<std::string>& labels,
                     const std::vector<std::string>& templates);

  torch::Tensor Logits(const torch::Tensor& pixels) const;
  // Softmax probabilities over the classes (CPU), without gradients, in batches.
  torch::Tensor Probabilities(const torch::Tensor& pixels) const;
  // The same from image embeddings already computed by EncodeAll.
  torch::Tensor ProbabilitiesOf(const torch::Tensor& image_embeddings) const;
  const torch::Tensor& class_embeddings() const { return classes_; }  // [C, D]
  double scale() const { return scale_; }

 private:
  DualEncoder* encoder_;
  torch::Tensor classes_;
  double scale_;
};

// Unit image embeddings of many images (CPU), without gradients, in batches
// of 256 (larger batches ran slower here: their buffers are fresh pages).
torch::Tensor EncodeAll(DualEncoder& encoder, const torch::Tensor& pixels);

// Fraction of images whose argmax is their label.
double Accuracy(const torch::Tensor& probabilities, const torch::Tensor& labels);

// Accuracy under every label set with "a photo of a {}" (or the first
// template), plus class names with the whole template ensemble.
std::vector<ZeroShotRow> EvaluateZeroShot(DualEncoder& encoder, const LabelSets& label_sets,
                                          const torch::Tensor& pixels, const torch::Tensor& labels);
// zero_shot.csv: label_set, trained, templates, accuracy, images.
void WriteZeroShotCsv(const std::vector<ZeroShotRow>& rows, int64_t images,
                      const std::filesystem::path& path);

}  // namespace advlab::adversarial
