#include "forecasting/curves.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace advlab::forecasting {

const std::vector<CurveFamily>& AllCurveFamilies() {
  static const std::vector<CurveFamily> kAll = {
      CurveFamily::kLinear, CurveFamily::kSigmoid, CurveFamily::kSigmoidOffset,
      CurveFamily::kClippedLinear, CurveFamily::kConstant};
  return kAll;
}

std::string CurveName(CurveFamily family) {
  switch (family) {
    case CurveFamily::kConstant:
      return "constant";
    case CurveFamily::kLinear:
      return "linear";
    case CurveFamily::kSigmoid:
      return "sigmoid";
    case CurveFamily::kSigmoidOffset:
      return "sigmoid_offset";
    case CurveFamily::kClippedLinear:
      return "clipped_linear";
  }
  return "?";
}

CurveFamily CurveFromName(const std::string& name) {
  for (CurveFamily family : AllCurveFamilies()) {
    if (CurveName(family) == name) return family;
  }
  throw std::invalid_argument("unknown curve family '" + name +
                              "' (linear, sigmoid, sigmoid_offset, clipped_linear, constant)");
}

int ParamCount(CurveFamily family) { return static_cast<int>(ParamNames(family).size()); }

std::vector<std::string> ParamNames(CurveFamily family) {
  switch (family) {
    case CurveFamily::kConstant:
      return {"y0"};
    case CurveFamily::kLinear:
      return {"a", "b"};
    case CurveFamily::kSigmoid:
      return {"k", "x0"};
    case CurveFamily::kSigmoidOffset:
      return {"k", "x0", "y0"};
    case CurveFamily::kClippedLinear:
      return {"k", "x0"};
  }
  return {};
}

double Logistic(double z) {
  // Split by sign so exp never overflows.
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  double e = std::exp(z);
  return e / (1.0 + e);
}

double Logit(double p) { return std::log(p / (1.0 - p)); }

double Evaluate(CurveFamily family, const Params& p, double x) {
  switch (family) {
    case CurveFamily::kConstant:
      return p[0];
    case CurveFamily::kLinear:
      return p[0] + p[1] * x;
    case CurveFamily::kSigmoid:
      return Logistic(p[0] * (x - p[1]));
    case CurveFamily::kSigmoidOffset:
      return p[2] + (1.0 - p[2]) * Logistic(p[0] * (x - p[1]));
    case CurveFamily::kClippedLinear: {
      double y = p[0] * (x - p[1]);
      return y < 0 ? 0 : (y > 1 ? 1 : y);
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

void Gradient(CurveFamily family, const Params& p, double x, double* gradient) {
  switch (family) {
    case CurveFamily::kConstant:
      gradient[0] = 1;
      return;
    case CurveFamily::kLinear:
      gradient[0] = 1;
      gradient[1] = x;
      return;
    case CurveFamily::kSigmoid: {
      double s = Logistic(p[0] * (x - p[1]));
      double ds = s * (1 - s);
      gradient[0] = ds * (x - p[1]);
      gradient[1] = -ds * p[0];
      return;
    }
    case CurveFamily::kSigmoidOffset: {
      double s = Logistic(p[0] * (x - p[1]));
      double ds = (1 - p[2]) * s * (1 - s);
      gradient[0] = ds * (x - p[1]);
      gradient[1] = -ds * p[0];
      gradient[2] = 1 - s;
      return;
    }
    case CurveFamily::kClippedLinear: {
      double y = p[0] * (x - p[1]);
      bool inside = y > 0 && y < 1;
      gradient[0] = inside ? (x - p[1]) : 0;
      gradient[1] = inside ? -p[0] : 0;
      return;
    }
  }
}

double InverseAt(CurveFamily family, const Params& p, double level) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  switch (family) {
    case CurveFamily::kConstant:
      return nan;
    case CurveFamily::kLinear:
      return p[1] == 0 ? nan : (level - p[0]) / p[1];
    case CurveFamily::kSigmoid:
      if (p[0] == 0 || level <= 0 || level >= 1) return nan;
      return p[1] + Logit(level) / p[0];
    case CurveFamily::kSigmoidOffset: {
      double s = (level - p[2]) / (1 - p[2]);
      if (p[0] == 0 || s <= 0 || s >= 1) return nan;
      return p[1] + Logit(s) / p[0];
    }
    case CurveFamily::kClippedLinear:
      if (p[0] == 0 || level < 0 || level > 1) return nan;
      return p[1] + level / p[0];
  }
  return nan;
}

}  // namespace advlab::forecasting
