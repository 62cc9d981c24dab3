#include "adversarial/clip_options.h"

#include <sstream>

#include "core/config.h"

namespace advlab::adversarial {
namespace {

template <typename T>
std::string List(const std::vector<T>& values) {
  std::ostringstream out;
  out.precision(17);
  out << "[";
  for (size_t i = 0; i < values.size(); ++i) out << (i ? ", " : "") << values[i];
  out << "]";
  return out.str();
}

}  // namespace

ClipNetOptions ReadClipNetOptions(core::Config& config, const std::string& prefix) {
  ClipNetOptions o;
  auto key = [&](const char* name) { return prefix + name; };
  o.channels = static_cast<int>(config.Int(key("channels"), o.channels, 1, 3));
  std::vector<double> widths(o.conv_widths.begin(), o.conv_widths.end());
  widths = config.Numbers(key("conv_widths"), widths, 1, 4096);
  if (widths.empty()) config.Fail(key("conv_widths"), "needs at least one width");
  o.conv_widths.assign(widths.begin(), widths.end());
  o.embed_dim = static_cast<int>(config.Int(key("embed_dim"), o.embed_dim, 2, 4096));
  o.text_encoder = config.Choice(key("text_encoder"), o.text_encoder, {"transformer", "pooling"});
  o.text_width = static_cast<int>(config.Int(key("text_width"), o.text_width, 2, 4096));
  o.text_layers = static_cast<int>(config.Int(key("text_layers"), o.text_layers, 0, 48));
  o.text_heads = static_cast<int>(config.Int(key("text_heads"), o.text_heads, 1, 64));
  if (o.text_width % o.text_heads != 0) {
    config.Fail(key("text_heads"), "must divide text_width (" + std::to_string(o.text_width) + ")");
  }
  o.context = static_cast<int>(config.Int(key("context"), o.context, 1, 1024));
  o.pixel_mean = config.Numbers(key("pixel_mean"), o.pixel_mean, 0, 1);
  o.pixel_std = config.Numbers(key("pixel_std"), o.pixel_std, 1e-6, 10);
  for (const char* name : {"pixel_mean", "pixel_std"}) {
    size_t n = std::string(name) == "pixel_mean" ? o.pixel_mean.size() : o.pixel_std.size();
    if (n != 1 && n != static_cast<size_t>(o.channels)) {
      config.Fail(key(name),
                  "needs one value or one per channel (" + std::to_string(o.channels) + ")");
    }
  }
  o.initial_temperature =
      config.Number(key("initial_temperature"), o.initial_temperature, 1e-4, 10);
  o.max_logit_scale = config.Number(key("max_logit_scale"), o.max_logit_scale, 1, 1000);
  return o;
}

std::string ClipNetOptionsYaml(const ClipNetOptions& o) {
  std::ostringstream out;
  out.precision(17);
  out << "channels: " << o.channels << "\nconv_widths: " << List(o.conv_widths)
      << "\nembed_dim: " << o.embed_dim << "\ntext_encoder: " << o.text_encoder
      << "\ntext_width: " << o.text_width << "\ntext_layers: " << o.text_layers
      << "\ntext_heads: " << o.text_heads << "\ncontext: " << o.context
      << "\npixel_mean: " << List(o.pixel_mean) << "\npixel_std: " << List(o.pixel_std)
      << "\ninitial_temperature: " << o.initial_temperature
      << "\nmax_logit_scale: " << o.max_logit_scale << "\n";
  return out.str();
}

ClipTrainOptions ReadClipTrainOptions(core::Config& config) {
  ClipTrainOptions o;
  o.seed = static_cast<uint64_t>(config.Int("seed", static_cast<int64_t>(o.seed), 0, 1LL << 62));
  o.device = config.Choice("device", o.device, {"cpu", "cuda"});
  o.data = ReadDataOptions(config);
  o.labels_file = config.RequiredPath("labels.file", kDefaultLabelSets);
  o.net = ReadClipNetOptions(config, "model.");
  if (o.net.channels != o.data.channels) {
    config.Fail("model.channels",
                "must equal data.channels (" + std::to_string(o.data.channels) + ")");
  }
  o.epochs = static_cast<int>(config.Int("train.epochs", o.epochs, 1, 10000));
  o.batch = static_cast<int>(config.Int("train.batch", o.batch, 2, 65536));
  o.learning_rate = config.Number("train.learning_rate", o.learning_rate, 1e-8, 10);
  o.weight_decay = config.Number("train.weight_decay", o.weight_decay, 0, 10);
  o.eval_every = static_cast<int>(config.Int("train.eval_every", o.eval_every, 0, 1000000));
  o.eval_images =
      config.Int("train.eval_images", static_cast<int64_t>(o.eval_images), 0, 100000000);
  o.target_accuracy = config.Number("train.target_accuracy", o.target_accuracy, 0, 1);
  return o;
}

}  // namespace advlab::adversarial
