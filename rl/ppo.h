#pragma once
// Proximal policy optimisation (Schulman et al. 2017), reading top to bottom
// like cleanrl's ppo.py:
//   advantages normalised over the batch -> epochs x minibatches of whole
//   worlds -> clipped surrogate, clipped value loss, entropy bonus ->
//   grad-norm clip -> Adam.
// The policy is reached through `evaluate`, which recomputes logits and
// values for a set of worlds (whole sequences, so a recurrent policy restarts
// from its stored state); the student and the teacher share this update.
// Settings and their defaults: ppo_settings.h.
//
// Data-parallel (`parallel`): the batch holds this rank's worlds. Every rank
// draws the same minibatches of all the worlds, evaluates the rows it holds,
// and the gradients are summed over ranks before the clip and the step, so
// the parameters stay identical everywhere and equal one process's.
#include <torch/torch.h>

#include <functional>
#include <utility>

#include "rl/data_parallel.h"
#include "rl/ppo_settings.h"

namespace advlab::rl {

struct PpoStats {
  double policy_loss = 0, value_loss = 0, entropy = 0, approx_kl = 0, clip_fraction = 0;
  double explained_variance = 0;
};

// What a rollout recorded, time-major [T, N].
struct PpoBatch {
  torch::Tensor actions, log_probs, values, returns, advantages;
};

// (logits [T, n, A], values [T, n]) for the worlds `rows` (this rank's
// indices), with gradients.
using PolicyEvaluator =
    std::function<std::pair<torch::Tensor, torch::Tensor>(const torch::Tensor& rows)>;

PpoStats PpoUpdate(const std::vector<torch::Tensor>& parameters, torch::optim::Optimizer& optimizer,
                   const PpoBatch& batch, const PolicyEvaluator& evaluate,
                   const PpoSettings& settings, const at::Generator& shuffle,
                   const DataParallel* parallel = nullptr);

}  // namespace advlab::rl
