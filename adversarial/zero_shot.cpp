#include "adversarial/zero_shot.h"

#include <cmath>

#include "core/binomial.h"
#include "report/table.h"

namespace advlab::adversarial {

ZeroShotClassifier::ZeroShotClassifier(DualEncoder& encoder, const std::vector<std::string>& labels,
                                       const std::vector<std::string>& templates)
    : encoder_(&encoder), scale_(encoder.LogitScale()) {
  std::vector<std::string> texts;
  for (const std::string& label : labels) {
    for (const std::string& t : templates) texts.push_back(ApplyTemplate(t, label));
  }
  torch::Tensor embedded = encoder.EncodeTexts(texts);  // unit rows, [C * T, D]
  const int64_t classes = static_cast<int64_t>(labels.size());
  torch::Tensor mean = embedded.view({classes, static_cast<int64_t>(templates.size()), -1}).mean(1);
  classes_ =
      torch::nn::functional::normalize(mean, torch::nn::functional::NormalizeFuncOptions().dim(1));
}

torch::Tensor ZeroShotClassifier::Logits(const torch::Tensor& pixels) const {
  return scale_ * torch::matmul(encoder_->EncodeImages(pixels), classes_.t());
}

torch::Tensor ZeroShotClassifier::Probabilities(const torch::Tensor& pixels) const {
  return ProbabilitiesOf(EncodeAll(*encoder_, pixels));
}

torch::Tensor ZeroShotClassifier::ProbabilitiesOf(const torch::Tensor& image_embeddings) const {
  torch::NoGradGuard no_grad;
  return torch::softmax(scale_ * torch::matmul(image_embeddings, classes_.cpu().t()), 1);
}

torch::Tensor EncodeAll(DualEncoder& encoder, const torch::Tensor& pixels) {
  torch::NoGradGuard no_grad;
  constexpr int64_t kBatch = 256;
  std::vector<torch::Tensor> parts;
  for (int64_t start = 0; start < pixels.size(0); start += kBatch) {
    torch::Tensor chunk = pixels.slice(0, start, std::min(start + kBatch, pixels.size(0)));
    parts.push_back(encoder.EncodeImages(chunk.to(encoder.device())).cpu());
  }
  return torch::cat(parts);
}

double Accuracy(const torch::Tensor& probabilities, const torch::Tensor& labels) {
  if (labels.numel() == 0) return 0;
  return probabilities.argmax(1)
      .eq(labels.to(probabilities.device()))
      .to(torch::kDouble)
      .mean()
      .item<double>();
}

std::vector<ZeroShotRow> EvaluateZeroShot(DualEncoder& encoder, const LabelSets& label_sets,
                                          const torch::Tensor& pixels,
                                          const torch::Tensor& labels) {
  const std::string single = label_sets.templates.front();
  const torch::Tensor embeddings = EncodeAll(encoder, pixels);
  std::vector<ZeroShotRow> rows;
  for (const LabelSet& set : label_sets.sets) {
    ZeroShotClassifier classifier(encoder, set.labels, {single});
    rows.push_back(
        {set.name, set.trained, single, Accuracy(classifier.ProbabilitiesOf(embeddings), labels)});
  }
  if (label_sets.templates.size() > 1) {
    ZeroShotClassifier ensemble(encoder, label_sets.classes, label_sets.templates);
    rows.push_back({"names", true, "ensemble of " + std::to_string(label_sets.templates.size()),
                    Accuracy(ensemble.ProbabilitiesOf(embeddings), labels)});
  }
  return rows;
}

void WriteZeroShotCsv(const std::vector<ZeroShotRow>& rows, int64_t images,
                      const std::filesystem::path& path) {
  report::Table table(
      {"label_set", "trained", "templates", "accuracy", "accuracy_low", "accuracy_high", "images"});
  for (const ZeroShotRow& row : rows) {
    const auto n = static_cast<double>(images);
    const core::Interval interval = core::WilsonInterval(std::round(row.accuracy * n), n);
    table.AddRow({row.label_set, row.trained ? "true" : "false", row.templates,
                  report::Table::Num(row.accuracy, 4), report::Table::Num(interval.low, 4),
                  report::Table::Num(interval.high, 4), std::to_string(images)});
  }
  table.WriteCsv(path);
}

}  // namespace advlab::adversarial
