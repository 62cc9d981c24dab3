#pragma once
// The curve families fitted to normalised benchmark scores y (0 = chance,
// 1 = ceiling) against x (loss, log loss, log parameters or log FLOP).
//
//   family           y(x)                                  parameters   source
//   constant         y0                                    y0           Owen 2024 baseline
//   linear           a + b x                               a, b         Finnveden 2020
//   sigmoid          1 / (1 + exp(-k (x - x0)))            k, x0        Finnveden 2020; Owen 2024
//   sigmoid_offset   y0 + (1 - y0) / (1 + exp(-k (x-x0)))  k, x0, y0    Owen 2024 (ceiling 1)
//   clipped_linear   clip(k (x - x0), 0, 1)                k, x0        Owen 2024
//
// On a loss axis scores rise as loss falls, so k is negative there.
#include <Eigen/Core>
#include <string>
#include <vector>

namespace advlab::forecasting {

enum class CurveFamily { kConstant, kLinear, kSigmoid, kSigmoidOffset, kClippedLinear };

constexpr int kMaxCurveParams = 3;
// Fixed-capacity vectors keep the fitter free of heap allocations.
using Params = Eigen::Matrix<double, Eigen::Dynamic, 1, 0, kMaxCurveParams, 1>;

const std::vector<CurveFamily>& AllCurveFamilies();
std::string CurveName(CurveFamily family);
// Throws std::invalid_argument for an unknown name.
CurveFamily CurveFromName(const std::string& name);
int ParamCount(CurveFamily family);
// Parameter names in order, e.g. {"k", "x0"}.
std::vector<std::string> ParamNames(CurveFamily family);

double Evaluate(CurveFamily family, const Params& p, double x);
// d y / d p at x, written into `gradient` (size ParamCount).
void Gradient(CurveFamily family, const Params& p, double x, double* gradient);

// The x at which the curve reaches `level`; NaN when it never does.
double InverseAt(CurveFamily family, const Params& p, double level);

double Logistic(double z);
double Logit(double p);

}  // namespace advlab::forecasting
