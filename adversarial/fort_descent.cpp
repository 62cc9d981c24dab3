// Fort (2021): X := X - eta dL/dX on the normalised image, L the target's
// cross-entropy, until the target's probability reaches the threshold. In
// pixel coordinates x = std z + mean that step is x -= eta std^2 dL/dx.
#include "adversarial/attack_math.h"
#include "adversarial/attacks.h"

namespace advlab::adversarial {

AttackResult FortDescent(const AttackSpec& spec, const LogitsFn& logits,
                         const torch::Tensor& images, const torch::Tensor& targets) {
  AttackResult result = Unattacked(images);
  std::vector<float> scale;
  for (double s : spec.descent_scale) scale.push_back(static_cast<float>(s * s));
  torch::Tensor step =
      spec.step_size * torch::tensor(scale).view({1, -1, 1, 1}).to(images.device());

  torch::Tensor adversarial = images.clone();
  torch::Tensor active =
      torch::arange(images.size(0), torch::dtype(torch::kLong).device(images.device()));
  for (int i = 0; active.numel() > 0; ++i) {
    torch::Tensor x = adversarial.index_select(0, active).requires_grad_(true);
    torch::Tensor aim = targets.index_select(0, active);
    torch::Tensor out = logits(x);
    torch::Tensor reached = torch::softmax(out.detach(), 1)
                                .gather(1, aim.unsqueeze(1))
                                .squeeze(1)
                                .ge(spec.target_probability);
    result.success.index_fill_(0, active.masked_select(reached), true);
    if (i == spec.steps) break;
    torch::Tensor gradient = torch::autograd::grad({AscentLoss(out, aim, true).sum()}, {x})[0];
    result.gradient_steps.index_add_(0, active, torch::ones_like(active));
    torch::Tensor keep = (~reached).nonzero().squeeze(1);
    active = active.index_select(0, keep);
    // Ascent on -CE is descent on the target's cross-entropy.
    torch::Tensor moved = x.detach().index_select(0, keep) + step * gradient.index_select(0, keep);
    adversarial.index_copy_(0, active, spec.clamp ? moved.clamp(0.0, 1.0) : moved);
  }
  result.adversarial = adversarial;
  return result;
}

}  // namespace advlab::adversarial
