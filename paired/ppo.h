#pragma once
// Proximal policy optimisation (Schulman et al. 2017) for a recurrent policy,
// reading top to bottom like cleanrl's ppo.py:
//   advantages normalised over the batch -> epochs x minibatches of whole
//   worlds (so each sequence starts from its stored recurrent state) ->
//   clipped surrogate, clipped value loss, entropy bonus -> grad-norm clip -> Adam.
// Settings and their defaults: ppo_settings.h.
#include <torch/torch.h>

#include "paired/ppo_settings.h"
#include "paired/rollout_storage.h"
#include "paired/student_net.h"

namespace advlab::paired {


struct PpoStats {
  double policy_loss = 0, value_loss = 0, entropy = 0, approx_kl = 0, clip_fraction = 0;
  double explained_variance = 0;
};

// Runs the update on a storage whose advantages are computed. `shuffle`
// orders the worlds into minibatches (seeded by the caller).
PpoStats PpoUpdate(StudentNet& net, torch::optim::Optimizer& optimizer,
                   const RolloutStorage& storage, const PpoSettings& settings,
                   at::Generator shuffle);

}  // namespace advlab::paired
