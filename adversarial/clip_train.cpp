#include "adversarial/clip_train.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

#include <ATen/CPUGeneratorImpl.h>

#include "adversarial/clip_model.h"
#include "adversarial/label_sets.h"
#include "adversarial/pixels.h"
#include "adversarial/zero_shot.h"
#include "core/binomial.h"
#include "core/csv_reader.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "nn/device.h"
#include "report/figure.h"
#include "report/html_report.h"
#include "report/metrics_log.h"
#include "report/progress.h"
#include "report/table.h"

namespace advlab::adversarial {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// Every caption training can draw: trained label sets x templates.
std::vector<std::vector<std::string>> CaptionsPerClass(const LabelSets& sets) {
  std::vector<std::vector<std::string>> captions(sets.classes.size());
  for (const LabelSet& set : sets.sets) {
    if (!set.trained) continue;
    for (size_t c = 0; c < set.labels.size(); ++c) {
      for (const std::string& t : sets.templates)
        captions[c].push_back(ApplyTemplate(t, set.labels[c]));
    }
  }
  return captions;
}

// CLIP's symmetric loss with every same-class pair a positive.
torch::Tensor ContrastiveLoss(const torch::Tensor& logits, const torch::Tensor& labels) {
  torch::Tensor positive = labels.unsqueeze(1).eq(labels.unsqueeze(0)).to(logits.dtype());
  torch::Tensor targets = positive / positive.sum(1, true);
  torch::Tensor image_to_text = -(targets * torch::log_softmax(logits, 1)).sum(1).mean();
  torch::Tensor text_to_image = -(targets * torch::log_softmax(logits.t(), 1)).sum(1).mean();
  return 0.5 * (image_to_text + text_to_image);
}

void WriteReport(const fs::path& run_dir, const ClipTrainOptions& options,
                 const ClipTrainSummary& summary, const std::string& model, size_t test_images,
                 size_t classes) {
  core::CsvTable metrics = core::ReadCsv(run_dir / "metrics.csv");
  report::Figure curve;
  curve.title = "Contrastive training";
  curve.x_label = "step";
  curve.y_label = "zero-shot accuracy / loss";
  report::Series& accuracy = curve.series.emplace_back();
  accuracy.kind = report::Series::Kind::kLinePoints;
  accuracy.title = "accuracy (class names)";
  accuracy.x = metrics.Column("step");
  accuracy.y = metrics.Column("eval_accuracy");
  report::Series& loss = curve.series.emplace_back();
  loss.title = "loss / 5";
  loss.x = metrics.Column("step");
  for (double value : metrics.Column("loss")) loss.y.push_back(value / 5);
  curve.lines.push_back({false, options.target_accuracy, "target", "#555555"});
  report::RenderFigures({{"training", curve}}, run_dir / "figures");

  report::RunReport doc;
  doc.title = "CLIP-style zero-shot classifier";
  doc.seed_curves = {"eval_accuracy", "loss"};
  using report::Table;
  // Every label set's zero-shot accuracy with its 95% Wilson interval over
  // the test images; a set near chance gets a warning.
  const double images = static_cast<double>(test_images);
  const double chance = 1.0 / static_cast<double>(std::max<size_t>(2, classes));
  for (const ZeroShotRow& row : summary.zero_shot) {
    const core::Interval interval = core::WilsonInterval(std::round(row.accuracy * images), images);
    doc.summary.push_back({"zero-shot accuracy, " + row.label_set + " (" + row.templates + ")",
                           Table::Num(row.accuracy, 3) + " [" + Table::Num(interval.low, 3) + ", " +
                               Table::Num(interval.high, 3) + "]"});
    if (NearChance(row.accuracy, chance)) {
      doc.warnings.push_back("Label set '" + row.label_set + "' is near chance (" +
                             Table::Num(row.accuracy, 3) + ", chance " + Table::Num(chance, 3) +
                             ")" + (row.trained ? "" : ": held out, its words were never trained"));
    }
  }
  const std::string target =
      summary.seconds_to_target < 0
          ? "not reached"
          : "reached after " + std::to_string(static_cast<int>(summary.seconds_to_target)) + " s";
  doc.sections.emplace_back()
      .Text(model + ". " + std::to_string(summary.steps) + " steps of " +
            std::to_string(options.batch) + " image-caption pairs in " +
            std::to_string(static_cast<int>(std::lround(summary.train_seconds))) +
            " s of training. Zero-shot accuracy on " + std::to_string(test_images) +
            " test images with the class names: " + Table::Num(100 * summary.accuracy, 3) +
            "% (target " + Table::Num(100 * options.target_accuracy, 3) + "%, " + target + ").")
      .Text("Images: " + DescribeSplits(options.data) + ".")
      .Text(
          "Held-out label sets never appear in training captions: their accuracy measures how "
          "far the text encoder generalises beyond the phrasings it was trained on.")
      .TableCsv("zero_shot.csv", "Zero-shot accuracy per label set")
      .Columns({{"trained", "whether the set's words appeared in training captions"},
                {"templates",
                 "the prompt(s) each class name is put in; an ensemble averages "
                 "the text embeddings of several"},
                {"accuracy", "test images whose highest-scoring class is the true one"},
                {"accuracy_low, _high", "its 95% Wilson interval over the images"}})
      .FigureSvg("figures/training.svg", "Accuracy on the check images during training")
      .Text("The curve's accuracy is measured on the first " +
            std::to_string(options.eval_images == 0
                               ? test_images
                               : std::min<size_t>(options.eval_images, test_images)) +
            " test images (a quick check while training), the table's on all " +
            std::to_string(test_images) +
            ", so the two differ by sampling; an attack run reports the clean accuracy of the "
            "images it attacks.");
  doc.sections.back().title = "Training";
  report::WriteRunReport(doc, run_dir);
}

}  // namespace

ClipTrainInputs LoadClipTrainInputs(const ClipTrainOptions& options) {
  nn::ResolveDevice(options.device);
  ClipTrainInputs inputs{ReadLabelSets(options.labels_file), LoadSplit(options.data, "train"),
                         LoadSplit(options.data, "test")};
  CheckClasses(inputs.sets, inputs.train, options.data.root.string() + " (train)");
  CheckClasses(inputs.sets, inputs.test, options.data.root.string() + " (test)");
  if (options.batch > static_cast<int>(inputs.train.size())) {
    throw InputError("train.batch: " + std::to_string(options.batch) + " exceeds the " +
                     std::to_string(inputs.train.size()) + " training images");
  }
  return inputs;
}

ClipTrainSummary TrainClip(const ClipTrainOptions& options, const ClipTrainInputs& inputs,
                           const fs::path& run_dir) {
  const torch::Device device = nn::ResolveDevice(options.device);
  const LabelSets& label_sets = inputs.sets;
  const ImageSet& train = inputs.train;
  const ImageSet& test = inputs.test;

  torch::manual_seed(options.seed);
  std::vector<std::vector<std::string>> captions = CaptionsPerClass(label_sets);
  std::vector<std::string> corpus;
  for (const auto& per_class : captions)
    corpus.insert(corpus.end(), per_class.begin(), per_class.end());
  ClipModel model(options.net, WordTokenizer::Build(corpus, options.net.context), device);
  torch::optim::AdamW optimizer(
      model.net()->parameters(),
      torch::optim::AdamWOptions(options.learning_rate).weight_decay(options.weight_decay));

  const torch::Tensor train_pixels = Pixels(train);
  const torch::Tensor train_labels = Labels(train);
  const torch::Tensor test_pixels = Pixels(test);
  const torch::Tensor test_labels = Labels(test);
  const int64_t check_count = options.eval_images == 0
                                  ? test_pixels.size(0)
                                  : std::min<int64_t>(options.eval_images, test_pixels.size(0));
  const torch::Tensor check_pixels = test_pixels.slice(0, 0, check_count);
  const torch::Tensor check_labels = test_labels.slice(0, 0, check_count);

  fs::create_directories(run_dir / "checkpoints");
  fs::create_directories(run_dir / "figures");
  report::MetricsLog log(run_dir / "metrics.csv", {"step", "epoch", "train_seconds", "loss",
                                                   "logit_scale", "eval_accuracy"});
  auto generator = at::make_generator<at::CPUGeneratorImpl>(options.seed);
  std::mt19937_64 caption_rng(options.seed + 1);
  const int64_t n = train_pixels.size(0);
  const int64_t batches = n / options.batch;

  ClipTrainSummary summary;
  double loss_sum = 0;
  int loss_count = 0;
  const std::string single = label_sets.templates.front();
  auto check = [&](int epoch) {
    model.net()->eval();
    ZeroShotClassifier classifier(model, label_sets.classes, {single});
    double accuracy = Accuracy(classifier.Probabilities(check_pixels), check_labels);
    model.net()->train();
    log.Append({static_cast<double>(summary.steps), static_cast<double>(epoch),
                summary.train_seconds, loss_count ? loss_sum / loss_count : NAN, model.LogitScale(),
                accuracy});
    loss_sum = 0;
    loss_count = 0;
    if (accuracy >= options.target_accuracy && summary.seconds_to_target < 0) {
      summary.seconds_to_target = summary.train_seconds;
    }
  };

  report::Progress progress("clip train", static_cast<long>(batches) * options.epochs);
  model.net()->train();
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    torch::Tensor order = torch::randperm(n, generator, torch::kLong);
    for (int64_t b = 0; b < batches; ++b) {
      if (core::InterruptRequested()) {
        // Ctrl-C: log and keep the model as trained so far; it can be
        // attacked, but training starts afresh (there is no resume).
        check(epoch);
        model.Save(run_dir / "checkpoints" / "model.pt");
        progress.Finish();
        throw core::Interrupted("stopped after step " + std::to_string(summary.steps) + " of " +
                                std::to_string(batches * options.epochs) + "; " +
                                (run_dir / "checkpoints" / "model.pt").string() +
                                " holds the model so far (training has no resume)");
      }
      auto started = Clock::now();
      torch::Tensor index = order.slice(0, b * options.batch, (b + 1) * options.batch);
      torch::Tensor labels = train_labels.index_select(0, index);
      std::vector<std::string> texts(options.batch);
      const int64_t* label = labels.data_ptr<int64_t>();
      for (int i = 0; i < options.batch; ++i) {
        const auto& pool = captions[label[i]];
        texts[i] = pool[std::uniform_int_distribution<size_t>(0, pool.size() - 1)(caption_rng)];
      }
      torch::Tensor images =
          model.net()->EncodeImages(train_pixels.index_select(0, index).to(device));
      torch::Tensor words = model.net()->EncodeTokens(model.Tokenize(texts));
      torch::Tensor logits = model.net()->LogitScale() * torch::matmul(images, words.t());
      torch::Tensor loss = ContrastiveLoss(logits, labels.to(device));
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
      model.net()->ClampLogitScale();
      loss_sum += loss.item<double>();
      ++loss_count;
      ++summary.steps;
      summary.train_seconds += Seconds(started);
      progress.Advance();
      if (options.eval_every > 0 && summary.steps % options.eval_every == 0) check(epoch);
    }
    if (options.eval_every == 0 || summary.steps % options.eval_every != 0) check(epoch);
    model.Save(run_dir / "checkpoints" / "model.pt");
  }
  progress.Finish();

  model.net()->eval();
  summary.zero_shot = EvaluateZeroShot(model, label_sets, test_pixels, test_labels);
  summary.accuracy = summary.zero_shot.front().accuracy;
  WriteZeroShotCsv(summary.zero_shot, test_pixels.size(0), run_dir / "zero_shot.csv");
  WriteReport(run_dir, options, summary, model.Describe(), static_cast<size_t>(test_pixels.size(0)),
              inputs.sets.classes.size());
  return summary;
}

}  // namespace advlab::adversarial
