#pragma once
// The attacks of AttackSpec against any differentiable classifier given as
// pixels -> logits. They never touch the model's parameters' gradients and
// build nothing under InferenceMode (its tensors cannot enter autograd).
// Random starts use a generator seeded by spec.seed on the CPU, so a seed
// gives the same start on every device.
#include <torch/torch.h>

#include <functional>

#include "adversarial/attack_spec.h"

namespace advlab::adversarial {

using LogitsFn = std::function<torch::Tensor(const torch::Tensor& pixels)>;

struct AttackResult {
  torch::Tensor adversarial;     // [N, C, H, W]
  torch::Tensor success;         // bool [N]: fooled (targeted: reached the target)
  torch::Tensor gradient_steps;  // long [N]: forward-backward passes spent on each image
};

// `targets` is used when spec.targeted (and always by fort); labels otherwise.
AttackResult RunAttack(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                       const torch::Tensor& labels, const torch::Tensor& targets);

AttackResult Pgd(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                 const torch::Tensor& goal);
AttackResult Apgd(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                  const torch::Tensor& goal);
AttackResult FortDescent(const AttackSpec& spec, const LogitsFn& logits,
                         const torch::Tensor& images, const torch::Tensor& targets);

// APGD's checkpoints for n steps: 0, then periods of 0.22 n shrinking by
// 0.03 n down to 0.06 n (Croce & Hein 2020). For 100: 0, 22, 41, 57, ...
std::vector<int> ApgdCheckpoints(int steps);

}  // namespace advlab::adversarial
