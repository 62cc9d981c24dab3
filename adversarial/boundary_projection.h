#pragma once
// FAB's projection (Croce & Hein 2020, "Minimally distorted adversarial
// examples with a fast adaptive boundary attack", section 3.1): the smallest
// offset, in the threat model's norm, that moves a point onto the linearised
// decision boundary {u : w . u = b} without leaving the pixel box [0, 1]^n.
// Torch-free, one image at a time, so it can be tested against a brute force.
#include <cstdint>
#include <vector>

#include "adversarial/attack_spec.h"

namespace advlab::adversarial {

// Returns d minimising ||d|| (L-inf or L2) subject to w . (t + d) = b and
// 0 <= t + d <= 1. The minimiser has the form d_i = clip(lambda a_i, -t_i,
// 1 - t_i) with a_i = w_i (L2) or sign(w_i) (L-inf) turned towards the
// plane, and w . d grows piecewise linearly in lambda, so one sort of the
// coordinates' saturation points finds lambda exactly. When no point of the
// box reaches the plane, every coordinate goes to the bound nearer the plane
// (the box point closest to it in w . u), which is where the reference's
// clipped step ends as well. Coordinates with w_i = 0 (or a non-finite w_i)
// never move, and a non-finite b moves nothing.
std::vector<float> ProjectOntoBoundary(Norm norm, const float* t, const float* w, double b,
                                       int64_t n);

}  // namespace advlab::adversarial
