#pragma once
// Builds curve parameters from a list, for tests: Make({-8.0, 2.0}).
#include <initializer_list>

#include "forecasting/curves.h"

namespace advlab::forecasting::testing {

inline Params Make(std::initializer_list<double> values) {
  Params p(static_cast<int>(values.size()));
  int i = 0;
  for (double v : values) p[i++] = v;
  return p;
}

}  // namespace advlab::forecasting::testing
