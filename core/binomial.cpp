#include "core/binomial.h"

#include <algorithm>
#include <cmath>

#include "core/check.h"

namespace advlab::core {

Interval WilsonInterval(double successes, double trials, double z) {
  ADVLAB_CHECK_GT(trials, 0);
  ADVLAB_CHECK(successes >= 0 && successes <= trials);
  const double p = successes / trials, z2 = z * z;
  const double centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const double half =
      z * std::sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

}  // namespace advlab::core
