#include "forecasting/x_axis.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace advlab::forecasting {

XAxis XAxisFromName(const std::string& name) {
  if (name == "loss") return XAxis::kLoss;
  if (name == "log_loss") return XAxis::kLogLoss;
  if (name == "log_params") return XAxis::kLogParams;
  if (name == "log_flop") return XAxis::kLogFlop;
  throw std::invalid_argument("unknown x axis '" + name + "'");
}

std::string XAxisName(XAxis axis) {
  switch (axis) {
    case XAxis::kLoss:
      return "loss";
    case XAxis::kLogLoss:
      return "log_loss";
    case XAxis::kLogParams:
      return "log_params";
    case XAxis::kLogFlop:
      return "log_flop";
  }
  return "?";
}

std::string XAxisLabel(XAxis axis) {
  switch (axis) {
    case XAxis::kLoss:
      return "validation loss (nats/token)";
    case XAxis::kLogLoss:
      return "ln validation loss";
    case XAxis::kLogParams:
      return "log10 parameters";
    case XAxis::kLogFlop:
      return "log10 training FLOP";
  }
  return "";
}

double AxisValue(XAxis axis, const ModelPoint& model) {
  switch (axis) {
    case XAxis::kLoss:
      return model.loss;
    case XAxis::kLogLoss:
      return std::log(model.loss);
    case XAxis::kLogParams:
      return std::log10(model.params);
    case XAxis::kLogFlop:
      return std::log10(model.flop);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double LossFromAxis(XAxis axis, double x, const KaplanLaw& law) {
  switch (axis) {
    case XAxis::kLoss:
      return x;
    case XAxis::kLogLoss:
      return std::exp(x);
    case XAxis::kLogParams:
      return law.LossFromParams(std::pow(10.0, x));
    case XAxis::kLogFlop:
      return law.LossFromCompute(std::pow(10.0, x));
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double AxisFromLoss(XAxis axis, double loss, const KaplanLaw& law) {
  switch (axis) {
    case XAxis::kLoss:
      return loss;
    case XAxis::kLogLoss:
      return std::log(loss);
    case XAxis::kLogParams:
      return std::log10(law.ParamsFromLoss(loss));
    case XAxis::kLogFlop:
      return std::log10(law.ComputeFromLoss(loss));
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double AxisFloor(XAxis axis) {
  return axis == XAxis::kLoss ? 0.0 : -std::numeric_limits<double>::infinity();
}

bool AxisIncreasesWithScale(XAxis axis) {
  return axis == XAxis::kLogParams || axis == XAxis::kLogFlop;
}

}  // namespace advlab::forecasting
