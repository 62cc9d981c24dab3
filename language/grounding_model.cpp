#include "language/grounding_model.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <chrono>
#include <random>

#include "core/seed_streams.h"
#include "nn/seeded_init.h"

namespace advlab::language {
namespace {

adversarial::ClipNetOptions ClipOptions(const GroundingOptions& g, int64_t planes, int context) {
  adversarial::ClipNetOptions o;
  o.channels = static_cast<int>(planes);
  o.conv_widths = g.conv_widths;
  o.embed_dim = g.embed_dim;
  o.text_encoder = "pooling";
  o.text_width = g.text_width;
  o.context = context;
  o.pixel_mean = {0.0};  // the planes are 0/1 already
  o.pixel_std = {1.0};
  o.initial_temperature = 0.1;
  return o;
}

// Pairs read as a match (logit > 0) against the program's labels.
struct PairCounts {
  int64_t pairs = 0, positives = 0, right = 0, hits = 0, false_matches = 0;
  void Add(bool label, bool read) {
    ++pairs;
    positives += label ? 1 : 0;
    right += label == read ? 1 : 0;
    hits += label && read ? 1 : 0;
    false_matches += !label && read ? 1 : 0;
  }
  void Merge(const PairCounts& o) {
    pairs += o.pairs;
    positives += o.positives;
    right += o.right;
    hits += o.hits;
    false_matches += o.false_matches;
  }
  GroundingScore Score(bool held_out, const std::string& template_text) const {
    GroundingScore s;
    s.phrasings = held_out ? "held_out" : "train";
    s.template_text = template_text;
    s.pairs = pairs;
    s.positives = positives;
    s.accuracy = static_cast<double>(right) / static_cast<double>(std::max<int64_t>(1, pairs));
    s.recall = static_cast<double>(hits) / static_cast<double>(std::max<int64_t>(1, positives));
    s.false_match = static_cast<double>(false_matches) /
                    static_cast<double>(std::max<int64_t>(1, pairs - positives));
    return s;
  }
};

}  // namespace

GroundingNetImpl::GroundingNetImpl(const adversarial::ClipNetOptions& options, int64_t vocabulary)
    : clip_(register_module("clip", adversarial::ClipNet(options, vocabulary))),
      // SigLIP's starting bias: most pairs are negatives, so each starts near
      // probability 0 instead of paying log 2 on thousands of easy pairs.
      bias_(register_parameter("bias", torch::tensor(-5.0F))) {}

torch::Tensor GroundingNetImpl::EncodeStates(const torch::Tensor& planes) {
  return clip_->EncodeImages(planes);
}

torch::Tensor GroundingNetImpl::EncodeSteps(const torch::Tensor& ids) {
  return clip_->EncodeTokens(ids);
}

torch::Tensor GroundingNetImpl::Logits(const torch::Tensor& states, const torch::Tensor& steps) {
  return clip_->LogitScale() * states.matmul(steps.t()) + bias_;
}

torch::Tensor GroundingModel::EncodeTexts(const std::vector<std::string>& texts) {
  std::vector<int64_t> ids;
  for (const std::string& text : texts) {
    const std::vector<int64_t> row = tokenizer.Encode(text);
    ids.insert(ids.end(), row.begin(), row.end());
  }
  const torch::Tensor tensor =
      torch::tensor(ids, torch::kLong).view({static_cast<int64_t>(texts.size()), -1});
  return net->EncodeSteps(tensor.to(net->clip()->parameters().front().device()));
}

std::pair<torch::Tensor, std::vector<int>> SampleGroundingStates(
    const envs::landmarks::LandmarkOptions& world, int count, uint64_t seed) {
  envs::landmarks::LandmarkWorlds worlds(world, count);
  std::mt19937_64 rng(seed);
  torch::Tensor planes =
      torch::zeros({count, worlds.PlaneCount(), world.size, world.size}, torch::kFloat);
  std::vector<int> under(static_cast<size_t>(count));
  const int order = static_cast<int>(world.order.size());
  for (int i = 0; i < count; ++i) {
    worlds.Reset(i, rng());
    envs::landmarks::LandmarkWorld& w = worlds.world(i);
    if (rng() % 2 == 0) {
      w.agent = w.landmarks[rng() % w.landmarks.size()];
    } else {  // a free cell without a landmark: half the states satisfy no step
      std::vector<int> free;
      for (int c = 0; c < world.size * world.size; ++c) {
        const bool landmark =
            std::find(w.landmarks.begin(), w.landmarks.end(), c) != w.landmarks.end();
        if (!w.walls[static_cast<size_t>(c)] && !landmark) free.push_back(c);
      }
      w.agent = free[rng() % free.size()];
    }
    w.progress = static_cast<int>(rng() % static_cast<uint64_t>(order));
    worlds.Observe(i, planes[i].data_ptr<float>());
    under[static_cast<size_t>(i)] = worlds.LandmarkUnderAgent(i);
  }
  return {planes, under};
}

GroundingModel TrainGrounding(const NarrationOptions& options, const NarrationLanguage& language,
                              uint64_t seed, torch::Device device) {
  const auto started = std::chrono::steady_clock::now();
  const GroundingOptions& g = options.grounding;
  const int colours = static_cast<int>(language.colours.size());
  std::vector<std::string> corpus;
  size_t longest = 0;
  for (bool held_out : {false, true}) {
    for (const std::string& t : language.Templates(held_out)) {
      for (int c = 0; c < colours; ++c) {
        const std::string text = language.Step(t, c);
        longest = std::max(longest, adversarial::WordTokenizer::Words(text).size());
        if (!held_out) corpus.push_back(text);  // held-out words stay unknown
      }
    }
  }
  GroundingModel model;
  model.tokenizer = adversarial::WordTokenizer::Build(corpus, static_cast<int>(longest));
  envs::landmarks::LandmarkWorlds probe(options.world, 1);
  // Seeds train on several threads at once.
  model.net = nn::SeededInit(StreamSeed(seed, "grounding_weights"), [&] {
    return GroundingNet(ClipOptions(g, probe.PlaneCount(), model.tokenizer.context()),
                        model.tokenizer.vocabulary_size());
  });
  model.net->to(device);
  torch::optim::Adam optimizer(model.net->parameters(), torch::optim::AdamOptions(g.lr));
  std::mt19937_64 rng(StreamSeed(seed, "grounding_batches"));
  const std::vector<std::string>& templates = language.train_templates;
  for (int step = 0; step < g.steps; ++step) {
    auto [planes, under] = SampleGroundingStates(options.world, g.batch, rng());
    std::vector<std::string> texts;
    texts.reserve(static_cast<size_t>(colours));
    for (int c = 0; c < colours; ++c) {
      texts.push_back(language.Step(templates[rng() % templates.size()], c));
    }
    torch::Tensor labels = torch::zeros({g.batch, colours});
    for (int i = 0; i < g.batch; ++i) {
      if (under[static_cast<size_t>(i)] >= 0) labels[i][under[static_cast<size_t>(i)]] = 1;
    }
    torch::Tensor logits =
        model.net->Logits(model.net->EncodeStates(planes.to(device)), model.EncodeTexts(texts));
    torch::Tensor loss = torch::binary_cross_entropy_with_logits(logits, labels.to(device));
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
    model.net->clip()->ClampLogitScale();
    model.final_loss = loss.item<double>();
  }

  torch::NoGradGuard no_grad;
  auto [planes, under] =
      SampleGroundingStates(options.world, g.test_states, StreamSeed(seed, "grounding_test"));
  const torch::Tensor states = model.net->EncodeStates(planes.to(device));
  for (bool held_out : {false, true}) {
    PairCounts all;
    for (const std::string& t : language.Templates(held_out)) {
      std::vector<std::string> texts;
      texts.reserve(static_cast<size_t>(colours));
      for (int c = 0; c < colours; ++c) texts.push_back(language.Step(t, c));
      const torch::Tensor match = model.net->Logits(states, model.EncodeTexts(texts)).gt(0).cpu();
      const auto m = match.accessor<bool, 2>();
      PairCounts counts;
      for (int i = 0; i < g.test_states; ++i) {
        for (int c = 0; c < colours; ++c) counts.Add(under[static_cast<size_t>(i)] == c, m[i][c]);
      }
      all.Merge(counts);
      model.template_scores.push_back(counts.Score(held_out, t));
    }
    model.scores.push_back(all.Score(held_out, "(all)"));
  }
  model.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return model;
}

}  // namespace advlab::language
