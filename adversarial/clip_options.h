#pragma once
// Settings of the lab's CLIP-style dual encoder and of `advlab clip train`,
// read from YAML in one place.
//
//   key                        default       meaning
//   seed                       0             initialisation, caption draws, batch order
//   device                     cpu           cpu | cuda
//   data.*                     DataOptions (data_options.h)
//   labels.file                adversarial/data/fashion_mnist_labels.yaml
//   model.channels             1             image channels; must equal data.channels
//   model.conv_widths          [32, 64, 128] image encoder: 3x3 conv + ReLU per width,
//                                            2x2 max-pool between, global mean at the end
//   model.embed_dim            128           shared embedding space
//   model.text_encoder         transformer   transformer | pooling (mean of word embeddings)
//   model.text_width           128           word embedding width
//   model.text_layers          2             transformer blocks (pre-norm)
//   model.text_heads           4             attention heads
//   model.context              16            words per caption (longer ones are cut)
//   model.pixel_mean           [0.2860]      per channel; normalisation happens inside the
//   model.pixel_std            [0.3530]        model so attacks work in [0,1] pixels
//   model.initial_temperature  0.07          logit scale starts at 1/0.07 (CLIP)
//   model.max_logit_scale      100           the scale is clipped here (CLIP)
//   train.epochs               3             passes over the training images
//   train.batch                256           image-caption pairs per step
//   train.learning_rate        0.001         AdamW
//   train.weight_decay         0.0001        AdamW
//   train.eval_every           100           steps between zero-shot checks on eval_images
//   train.eval_images          2000          test images used by those checks (0: all)
//   train.target_accuracy      0.8           the time to reach it is recorded
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "adversarial/data_options.h"

namespace advlab::core {
class Config;
}

namespace advlab::adversarial {

struct ClipNetOptions {
  int channels = 1;
  std::vector<int> conv_widths = {32, 64, 128};
  int embed_dim = 128;
  std::string text_encoder = "transformer";
  int text_width = 128;
  int text_layers = 2;
  int text_heads = 4;
  int context = 16;
  std::vector<double> pixel_mean = {0.2860};
  std::vector<double> pixel_std = {0.3530};
  double initial_temperature = 0.07;
  double max_logit_scale = 100;
};

struct ClipTrainOptions {
  uint64_t seed = 0;
  std::string device = "cpu";
  DataOptions data;
  std::filesystem::path labels_file;
  ClipNetOptions net;
  int epochs = 3;
  int batch = 256;
  double learning_rate = 1e-3;
  double weight_decay = 1e-4;
  int eval_every = 100;
  size_t eval_images = 2000;
  double target_accuracy = 0.8;
};

constexpr const char* kDefaultLabelSets = "adversarial/data/fashion_mnist_labels.yaml";

ClipTrainOptions ReadClipTrainOptions(core::Config& config);
// `prefix` is "model." in job configs and "" for the copy kept in checkpoints.
ClipNetOptions ReadClipNetOptions(core::Config& config, const std::string& prefix);
// The options as YAML that ReadClipNetOptions(config, "") reads back.
std::string ClipNetOptionsYaml(const ClipNetOptions& options);

}  // namespace advlab::adversarial
