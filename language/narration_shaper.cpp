#include "language/narration_shaper.h"

namespace advlab::language {

NarrationShaper::NarrationShaper(const NarrationOptions& options, const NarrationLanguage& language,
                                 Shaping shaping, GroundingModel* grounding, uint64_t seed,
                                 int worlds)
    : options_(options),
      language_(language),
      shaping_(shaping),
      grounding_(grounding),
      rng_(seed),
      next_(static_cast<size_t>(worlds), 0),
      templates_(static_cast<size_t>(worlds)) {
  if (shaping_ != Shaping::kNarration) return;
  // Every (template, colour) text is embedded once; steps index into them.
  std::vector<std::string> texts;
  texts.reserve(language.Templates(options.held_out_narration).size() * language.colours.size());
  for (const std::string& t : language.Templates(options.held_out_narration)) {
    for (size_t c = 0; c < language.colours.size(); ++c) {
      texts.push_back(language.Step(t, static_cast<int>(c)));
    }
  }
  torch::NoGradGuard no_grad;
  step_embeddings_ = grounding_->EncodeTexts(texts);
  for (int i = 0; i < worlds; ++i) NewEpisode(i);
}

void NarrationShaper::NewEpisode(int i) {
  next_[static_cast<size_t>(i)] = 0;
  if (shaping_ != Shaping::kNarration) return;
  const size_t count = language_.Templates(options_.held_out_narration).size();
  std::vector<int>& t = templates_[static_cast<size_t>(i)];
  t.clear();
  t.reserve(options_.world.order.size());
  for (size_t s = 0; s < options_.world.order.size(); ++s) {
    t.push_back(static_cast<int>(rng_() % count));
  }
}

std::vector<float> NarrationShaper::Rewards(const envs::landmarks::LandmarkWorlds& worlds,
                                            const torch::Tensor& planes, int64_t* paid,
                                            int64_t* agreed) {
  const int n = worlds.batch();
  const std::vector<int>& order = options_.world.order;
  const int steps = static_cast<int>(order.size());
  std::vector<float> bonus(static_cast<size_t>(n), 0.0F);
  if (shaping_ == Shaping::kSparse) return bonus;
  std::vector<uint8_t> match(static_cast<size_t>(n), 0);
  if (shaping_ == Shaping::kOracle) {
    for (int i = 0; i < n; ++i) {
      const int s = next_[static_cast<size_t>(i)];
      match[static_cast<size_t>(i)] =
          s < steps && worlds.LandmarkUnderAgent(i) == order[static_cast<size_t>(s)];
    }
  } else {
    // One batched pass: every world's state against the text of its next step.
    torch::NoGradGuard no_grad;
    const auto colours = static_cast<int64_t>(language_.colours.size());
    std::vector<int64_t> rows;
    rows.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
      const int s = std::min(next_[static_cast<size_t>(i)], steps - 1);
      rows.push_back(templates_[static_cast<size_t>(i)][static_cast<size_t>(s)] * colours +
                     order[static_cast<size_t>(s)]);
    }
    const torch::Tensor texts =
        step_embeddings_.index_select(0, torch::tensor(rows).to(step_embeddings_.device()));
    const torch::Tensor states = grounding_->net->EncodeStates(planes.to(texts.device()));
    // Row i against text i only: the diagonal of the pairwise logits.
    const torch::Tensor logits = grounding_->net->Logits(states, texts).diagonal().gt(0).cpu();
    const auto read = logits.accessor<bool, 1>();
    for (int i = 0; i < n; ++i) {
      match[static_cast<size_t>(i)] = next_[static_cast<size_t>(i)] < steps && read[i];
    }
  }
  for (int i = 0; i < n; ++i) {
    if (!match[static_cast<size_t>(i)]) continue;
    const int s = next_[static_cast<size_t>(i)]++;
    bonus[static_cast<size_t>(i)] = static_cast<float>(options_.bonus);
    ++*paid;
    if (worlds.LandmarkUnderAgent(i) == order[static_cast<size_t>(s)]) ++*agreed;
  }
  return bonus;
}

}  // namespace advlab::language
