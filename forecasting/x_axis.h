#pragma once
// The x axis of the fits and its conversions. Loss is the hub: every axis
// value converts to a loss and back through the Kaplan laws, so forecasts on
// any axis can be labelled with loss, parameters and FLOP.
//
//   axis        x of a model        to loss
//   loss        L                   L
//   log_loss    ln L                exp(x)
//   log_params  log10 N             L(N)
//   log_flop    log10 C             L(C_min)
#include <string>

#include "forecasting/benchmark_data.h"
#include "forecasting/scaling_laws.h"

namespace advlab::forecasting {

enum class XAxis { kLoss, kLogLoss, kLogParams, kLogFlop };

XAxis XAxisFromName(const std::string& name);
std::string XAxisName(XAxis axis);
std::string XAxisLabel(XAxis axis);

// The x of a model on this axis (NaN for log_params when N is unknown).
double AxisValue(XAxis axis, const ModelPoint& model);
double LossFromAxis(XAxis axis, double x, const KaplanLaw& law);
double AxisFromLoss(XAxis axis, double loss, const KaplanLaw& law);
// Smallest meaningful x (a loss is positive); -inf where none.
double AxisFloor(XAxis axis);
// Whether larger x means a better (bigger) model.
bool AxisIncreasesWithScale(XAxis axis);

}  // namespace advlab::forecasting
