#pragma once
// Confidence intervals for a rate measured on finitely many trials (episodes
// solved, images still classified correctly): Wilson's score interval, which
// stays inside [0, 1] and is sensible at 0 and n successes, unlike the normal
// approximation.
namespace advlab::core {

struct Interval {
  double low = 0, high = 0;
};

// `successes` of `trials` (trials > 0); z = 1.96 gives 95%.
Interval WilsonInterval(double successes, double trials, double z = 1.96);

}  // namespace advlab::core
