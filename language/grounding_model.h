#pragma once
// The mutual embedding of Waytowich et al.'s narration shaping, built from
// the lab's dual encoder (adversarial/clip_net.h): the landmark world's
// state planes go through the image encoder, a step of the narration ("go to
// the red square") through the text encoder, both into one unit-norm space.
//
// Training is contrastive on program-labelled pairs: each state is paired
// with one phrasing of every colour's step, and the label is whether the
// labelling program (LandmarkWorlds::LandmarkUnderAgent) says the state
// satisfies it. Most states satisfy no step, so CLIP's softmax over texts
// does not fit; the loss is the sigmoid form of the contrastive loss
// (SigLIP, Zhai et al. 2023): binary cross-entropy on
//   logit = scale * cos(state, step) + bias,
// and "the state matches the step" is logit > 0.
#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

#include "adversarial/clip_net.h"
#include "adversarial/word_tokenizer.h"
#include "envs/landmark_world.h"
#include "language/narration_language.h"
#include "language/narration_options.h"

namespace advlab::language {

class GroundingNetImpl : public torch::nn::Module {
 public:
  GroundingNetImpl(const adversarial::ClipNetOptions& options, int64_t vocabulary);
  // Unit embeddings: states [N, planes, S, S] -> [N, D]; word ids [N, L] -> [N, D].
  torch::Tensor EncodeStates(const torch::Tensor& planes);
  torch::Tensor EncodeSteps(const torch::Tensor& ids);
  // scale * (states . steps^T) + bias: [N, T].
  torch::Tensor Logits(const torch::Tensor& states, const torch::Tensor& steps);
  adversarial::ClipNet& clip() { return clip_; }

 private:
  adversarial::ClipNet clip_{nullptr};
  torch::Tensor bias_;
};
TORCH_MODULE(GroundingNet);

// Accuracy of "logit > 0" against the program's labels on fresh states, for
// one phrasing set: every state with every template of every colour.
struct GroundingScore {
  std::string phrasings;      // train | held_out
  std::string template_text;  // one template, or "(all)" for the set
  int64_t pairs = 0, positives = 0;
  double accuracy = 0;     // all pairs
  double recall = 0;       // pairs the program labels a match, read as one
  double false_match = 0;  // pairs labelled no match, read as one
};

struct GroundingModel {
  adversarial::WordTokenizer tokenizer;
  GroundingNet net{nullptr};
  std::vector<GroundingScore> scores;           // train, then held-out phrasings, all templates
  std::vector<GroundingScore> template_scores;  // each template of both sets
  double final_loss = 0;
  double seconds = 0;

  torch::Tensor EncodeTexts(const std::vector<std::string>& texts);
};

// States for training and testing the grounding: fresh layouts, the agent
// on a landmark half of the time (otherwise on a free cell), a random share
// of the order already done. Returns planes [N, P, S, S] and the colour under
// the agent per state (-1 for none).
std::pair<torch::Tensor, std::vector<int>> SampleGroundingStates(
    const envs::landmarks::LandmarkOptions& world, int count, uint64_t seed);

// Trains on the training phrasings, then scores both phrasing sets on
// `options.test_states` states the training never saw.
GroundingModel TrainGrounding(const NarrationOptions& options, const NarrationLanguage& language,
                              uint64_t seed, torch::Device device);

}  // namespace advlab::language
