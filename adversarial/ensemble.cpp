// AutoAttack's evaluation flow (fra31/auto-attack autoattack.py): the clean
// pass marks the images correctly classified; each member attack then runs,
// from the clean images, on those still robust, and an image leaves the
// robust set with the first adversary found for it.
#include <chrono>

#include "adversarial/attack_math.h"
#include "adversarial/attacks.h"
#include "core/interrupt.h"

namespace advlab::adversarial {

AttackResult Ensemble(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                      const torch::Tensor& labels) {
  AttackResult result = Unattacked(images);
  torch::Tensor robust;
  {
    torch::NoGradGuard no_grad;
    robust = logits(images).argmax(1).eq(labels);
  }
  for (const EnsembleMember& m : spec.members) {
    // Ctrl-C: stop between members; the caller drops this unfinished result.
    if (core::InterruptRequested()) break;
    AttackSpec member = spec;
    member.method = m.method;
    member.restarts = m.restarts;
    member.targeted = false;
    EnsembleStage& stage = result.stages.emplace_back();
    stage.attack = member.Name();
    const auto started = std::chrono::steady_clock::now();
    const torch::Tensor todo = robust.nonzero().squeeze(1);
    if (todo.numel() > 0) {
      const torch::Tensor origin = images.index_select(0, todo), y = labels.index_select(0, todo);
      AttackResult attacked = RunAttack(member, logits, origin, y, {});
      result.zero_gradient_images += attacked.zero_gradient_images;
      result.gradient_steps.index_add_(0, todo, attacked.gradient_steps);
      // Re-classify what the attack returned, as AutoAttack does.
      torch::Tensor fooled;
      {
        torch::NoGradGuard no_grad;
        fooled = logits(attacked.adversarial).argmax(1).ne(y);
      }
      const torch::Tensor hit = fooled.nonzero().squeeze(1);
      const torch::Tensor where = todo.index_select(0, hit);
      result.adversarial.index_copy_(0, where, attacked.adversarial.index_select(0, hit));
      result.success.index_fill_(0, where, true);
      robust.index_fill_(0, where, false);
      stage.newly_fooled = hit.numel();
    }
    stage.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  }
  return result;
}

}  // namespace advlab::adversarial
