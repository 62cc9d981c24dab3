// Square (Andriushchenko, Croce, Flammarion & Hein 2020) as AutoAttack runs
// it (fra31/auto-attack square.py): a score-based random search that needs
// only logits. Each iteration proposes one square window of changed pixels
// (its place drawn once for the whole batch, its values per image), keeps the
// proposal where the margin z_y - max_(j!=y) z_j strictly drops or the image
// becomes misclassified, and stops an image once its margin is <= 0. The
// square shrinks on p_init's schedule.
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>

#include "adversarial/attack_math.h"
#include "adversarial/attacks.h"

namespace advlab::adversarial {
namespace {

// The share of the image the square covers at iteration i (p_init halved at
// iterations 10, 50, 200, 500, 1000, 2000, 4000, 6000 and 8000). The cheap
// version squeezes that 10,000-iteration schedule into its queries.
double SquareShare(double p_init, int i, int queries, bool rescale) {
  if (rescale) i = static_cast<int>(static_cast<double>(i) / queries * 10000);
  const int edges[] = {10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000};
  double p = p_init;
  for (int edge : edges) {
    if (i > edge) p /= 2;
  }
  return p;
}

// The search's random draws (one generator seeded by spec.seed, on the CPU)
// and its square sizes.
class Search {
 public:
  Search(const AttackSpec& spec, const torch::Tensor& images)
      : channels(images.size(1)),
        height(images.size(2)),
        width(images.size(3)),
        spec_(spec),
        generator_(at::make_generator<at::CPUGeneratorImpl>(spec.seed)) {}

  const int64_t channels, height, width;

  // +-1 with equal odds.
  torch::Tensor Signs(at::IntArrayRef shape, const torch::Tensor& like) {
    return (torch::rand(shape, generator_, torch::kFloat) > 0.5).to(like.options()) * 2 - 1;
  }
  // Uniform in {0, ..., high - 1}; 0 when high <= 0.
  int64_t Below(int64_t high) {
    if (high <= 0) return 0;
    return std::min<int64_t>(
        high - 1, static_cast<int64_t>(torch::rand({1}, generator_).item<double>() * high));
  }
  // The side of the square at iteration i: sqrt(p h w) rounded, within [low, min(h, w)].
  int64_t Side(int i, int64_t low) const {
    const double p = SquareShare(spec_.p_init, i, spec_.queries, spec_.rescale_schedule);
    const auto side = static_cast<int64_t>(std::lround(std::sqrt(p * height * width)));
    return std::min(std::max(side, low), std::min(height, width));
  }

  // L2: the unit-norm pattern of side s, two halves of opposite sign, each a
  // sum of nested centred rectangles weighted 1/(k+1)^2; transposed with
  // probability 1/2.
  torch::Tensor Pattern(int64_t s) {
    auto rectangles = [](int64_t rows, int64_t cols) {
      torch::Tensor delta = torch::zeros({rows, cols});
      int64_t top = rows / 2, left = cols / 2;
      for (int64_t k = 0; k < std::max(rows / 2 + 1, cols / 2 + 1); ++k) {
        const int64_t r0 = std::max<int64_t>(top, 0), c0 = std::max<int64_t>(left, 0);
        const int64_t r1 = std::min(top + 2 * k + 1, rows), c1 = std::min(left + 2 * k + 1, cols);
        if (r1 > r0 && c1 > c0) {
          delta.slice(0, r0, r1).slice(1, c0, c1) += 1.0 / static_cast<double>((k + 1) * (k + 1));
        }
        --top;
        --left;
      }
      return delta / delta.pow(2).sum().sqrt();
    };
    torch::Tensor delta = torch::zeros({s, s});
    delta.slice(0, 0, s / 2).copy_(rectangles(s / 2, s));
    delta.slice(0, s / 2, s).copy_(-rectangles(s - s / 2, s));
    delta /= delta.pow(2).sum().sqrt();
    if (torch::rand({1}, generator_).item<double>() > 0.5) delta = delta.t().contiguous();
    return delta;
  }

 private:
  const AttackSpec& spec_;
  at::Generator generator_;
};

torch::Tensor UnitL2(const torch::Tensor& delta) {
  return delta / (delta.flatten(1).norm(2, 1).view({-1, 1, 1, 1}) + 1e-12);
}

// Per image and channel, the L2 norm over a window (or the whole image).
torch::Tensor ChannelNorms(const torch::Tensor& delta) {
  return delta.pow(2).sum({2, 3}, /*keepdim=*/true).sqrt();
}

}  // namespace

AttackResult Square(const AttackSpec& spec, const LogitsFn& logits, const torch::Tensor& images,
                    const torch::Tensor& labels) {
  torch::NoGradGuard no_grad;
  Search search(spec, images);
  const int64_t n = images.size(0), c = search.channels, h = search.height, w = search.width;
  const double epsilon = spec.epsilon;
  const bool l2 = spec.norm == Norm::kL2;

  // Start: vertical stripes of +-epsilon (L-inf), or a grid of patterns
  // with random signs rescaled to norm epsilon (L2).
  torch::Tensor best;
  if (!l2) {
    best = (images + epsilon * search.Signs({n, c, 1, w}, images)).clamp(0.0, 1.0);
  } else {
    torch::Tensor delta = torch::zeros_like(images);
    const int64_t s = std::max<int64_t>(h / 5, 1), start = (h - s * 5) / 2;
    for (int64_t top = start; top + s <= h; top += s) {
      for (int64_t left = start; left + s <= w; left += s) {
        delta.slice(2, top, top + s).slice(3, left, left + s) +=
            search.Pattern(s).view({1, 1, s, s}).to(images.options()) *
            search.Signs({n, c, 1, 1}, images);
      }
    }
    best = (images + UnitL2(delta) * epsilon).clamp(0.0, 1.0);
  }
  torch::Tensor margin = Margin(logits(best), labels);
  torch::Tensor loss = margin.clone();
  torch::Tensor queries = torch::ones({n}, torch::dtype(torch::kLong).device(images.device()));

  // `queries` proposals after the start, the schedule counted from 0, as
  // square.py's loop.
  for (int i = 0; i < spec.queries; ++i) {
    const torch::Tensor todo = margin.gt(0).nonzero().squeeze(1);
    if (todo.numel() == 0) break;
    const torch::Tensor x = images.index_select(0, todo), y = labels.index_select(0, todo);
    const torch::Tensor current = best.index_select(0, todo);
    const int64_t m = todo.size(0);
    torch::Tensor proposal;
    if (!l2) {
      const int64_t s = search.Side(i, 1);
      const int64_t top = search.Below(h - s), left = search.Below(w - s);
      torch::Tensor step = torch::zeros({c, h, w}, images.options());
      step.slice(1, top, top + s).slice(2, left, left + s) +=
          2 * epsilon * search.Signs({c, 1, 1}, images);
      proposal = torch::min(torch::max(current + step, x - epsilon), x + epsilon).clamp(0.0, 1.0);
    } else {
      int64_t s = search.Side(i, 3);
      if (s % 2 == 0) s = std::max<int64_t>(s - 1, 1);  // odd, within the image
      const int64_t top = search.Below(h - s), left = search.Below(w - s);
      const int64_t top2 = search.Below(h - s), left2 = search.Below(w - s);
      torch::Tensor delta = current - x;
      auto window = [&](const torch::Tensor& t, int64_t r, int64_t q) {
        return t.slice(2, r, r + s).slice(3, q, q + s);
      };
      torch::Tensor both = torch::zeros_like(delta);
      window(both, top, left).fill_(1);
      window(both, top2, left2).fill_(1);
      const torch::Tensor image_norm = delta.flatten(1).norm(2, 1).view({-1, 1, 1, 1});
      const torch::Tensor windows_norm = ChannelNorms(delta * both);
      torch::Tensor fresh = search.Pattern(s).view({1, 1, s, s}).to(images.options()) *
                            search.Signs({m, c, 1, 1}, images);
      fresh += window(delta, top, left) / (ChannelNorms(window(delta, top, left)) + 1e-12);
      // Rescaled so the whole perturbation can keep norm epsilon: the budget
      // left outside the two windows, shared over channels, plus theirs.
      fresh =
          fresh / ChannelNorms(fresh) *
          ((epsilon * epsilon - image_norm.pow(2)).clamp_min(0) / c + windows_norm.pow(2)).sqrt();
      window(delta, top2, left2).zero_();
      window(delta, top, left).copy_(fresh);
      proposal = (x + UnitL2(delta) * epsilon).clamp(0.0, 1.0);
    }
    const torch::Tensor proposed = Margin(logits(proposal), y);
    torch::Tensor improved = proposed.lt(loss.index_select(0, todo));
    loss.index_copy_(0, todo, torch::where(improved, proposed, loss.index_select(0, todo)));
    improved |= proposed.le(0);
    margin.index_copy_(0, todo, torch::where(improved, proposed, margin.index_select(0, todo)));
    best.index_copy_(0, todo, torch::where(improved.view({-1, 1, 1, 1}), proposal, current));
    queries.index_add_(0, todo, torch::ones({m}, queries.options()));
  }
  AttackResult result;
  result.adversarial = best;
  result.success = margin.le(0);
  result.gradient_steps = queries;
  return result;
}

}  // namespace advlab::adversarial
