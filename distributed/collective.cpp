#include "distributed/collective.h"

#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "distributed/connect.h"

namespace advlab::distributed {

struct Collective::Impl {
  c10::intrusive_ptr<c10d::TCPStore> store;
  c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
};

namespace {

std::string Message(const std::exception& e) {
  if (const auto* error = dynamic_cast<const c10::Error*>(&e))
    return error->what_without_backtrace();
  return e.what();
}

std::string Seconds(double s) {
  std::ostringstream out;
  out << s << " s";
  return out.str();
}

}  // namespace

Collective::Collective(const LaunchEnv& env) : env_(env), impl_(std::make_unique<Impl>()) {
  const auto timeout = std::chrono::milliseconds(static_cast<int64_t>(env.timeout_seconds * 1000));
  c10d::TCPStoreOptions options;
  options.port = static_cast<uint16_t>(env.master_port);
  options.isServer = env.rank == 0;
  options.numWorkers = static_cast<size_t>(env.world_size);
  options.waitWorkers = false;  // arrivals are checked below, naming the missing ranks
  options.timeout = timeout;
  const std::string where = env.master_addr + ":" + std::to_string(env.master_port);
  try {
    impl_->store = c10::make_intrusive<c10d::TCPStore>(env.master_addr, options);
  } catch (const std::exception& e) {
    throw PeerFailure("rank " + std::to_string(env.rank) + ": cannot " +
                      (env.rank == 0 ? "listen at " : "reach rank 0 at ") + where + " within " +
                      Seconds(env.timeout_seconds) + ": " + Message(e));
  }
  std::vector<std::string> everyone;
  everyone.reserve(static_cast<size_t>(env.world_size));
  for (int r = 0; r < env.world_size; ++r) everyone.push_back("arrived/" + std::to_string(r));
  try {
    impl_->store->set("arrived/" + std::to_string(env.rank), std::vector<uint8_t>{1});
  } catch (const std::exception& e) {
    throw PeerFailure(
        "rank " + std::to_string(env.rank) + ": the store at " + where +
        " does not answer as rank 0's would (another service on that port?): " + Message(e));
  }
  try {
    impl_->store->wait(everyone, timeout);
  } catch (const std::exception&) {
    std::string missing;
    for (int r = 0; r < env.world_size; ++r) {
      if (!impl_->store->check({"arrived/" + std::to_string(r)})) {
        missing += (missing.empty() ? "" : ", ") + std::to_string(r);
      }
    }
    throw PeerFailure("rank " + std::to_string(env.rank) + ": rank(s) " + missing +
                      " never arrived within " + Seconds(env.timeout_seconds) + " (store at " +
                      where + ")");
  }
  auto gloo = c10d::ProcessGroupGloo::Options::create(timeout);
  // GLOO_SOCKET_IFNAME picks the network interface, as in torch.distributed;
  // on one machine the loopback is enough.
  if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME")) {
    gloo->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(interface));
  } else if (env.master_addr == "127.0.0.1" || env.master_addr == "localhost") {
    gloo->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
  } else {
    gloo->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
  }
  Run("joining the process group", [&] {
    impl_->group =
        c10::make_intrusive<c10d::ProcessGroupGloo>(impl_->store, env.rank, env.world_size, gloo);
  });
}

Collective::~Collective() = default;

template <typename Op>
void Collective::Run(const std::string& what, Op op) {
  try {
    op();
  } catch (const std::exception& e) {
    throw PeerFailure("rank " + std::to_string(env_.rank) + " of " +
                      std::to_string(env_.world_size) + ": " + what +
                      " failed: a peer died or did not answer within " +
                      Seconds(env_.timeout_seconds) + " (" + Message(e) + ")");
  }
}

void Collective::AllReduceSum(torch::Tensor& tensor) {
  std::vector<torch::Tensor> tensors = {tensor};
  Run("all-reduce", [&] { impl_->group->allreduce(tensors)->wait(); });
}

void Collective::Broadcast(torch::Tensor& tensor, int root) {
  std::vector<torch::Tensor> tensors = {tensor};
  c10d::BroadcastOptions options;
  options.rootRank = root;
  Run("broadcast", [&] { impl_->group->broadcast(tensors, options)->wait(); });
}

std::vector<std::string> Collective::AllGather(const std::string& bytes) {
  // Sizes first, then the bytes padded to the longest.
  std::vector<torch::Tensor> size = {torch::tensor({static_cast<int64_t>(bytes.size())})};
  std::vector<std::vector<torch::Tensor>> sizes(1);
  for (int r = 0; r < env_.world_size; ++r) sizes[0].push_back(torch::zeros({1}, torch::kLong));
  Run("all-gather", [&] { impl_->group->allgather(sizes, size)->wait(); });
  int64_t longest = 1;
  for (const torch::Tensor& s : sizes[0]) longest = std::max(longest, s.item<int64_t>());
  torch::Tensor mine = torch::zeros({longest}, torch::kUInt8);
  std::memcpy(mine.data_ptr<uint8_t>(), bytes.data(), bytes.size());
  std::vector<torch::Tensor> in = {mine};
  std::vector<std::vector<torch::Tensor>> out(1);
  for (int r = 0; r < env_.world_size; ++r)
    out[0].push_back(torch::zeros({longest}, torch::kUInt8));
  Run("all-gather", [&] { impl_->group->allgather(out, in)->wait(); });
  std::vector<std::string> all;
  for (int r = 0; r < env_.world_size; ++r) {
    const auto* data =
        reinterpret_cast<const char*>(out[0][static_cast<size_t>(r)].data_ptr<uint8_t>());
    all.emplace_back(data, static_cast<size_t>(sizes[0][static_cast<size_t>(r)].item<int64_t>()));
  }
  return all;
}

void Collective::Barrier() {
  Run("barrier", [&] { impl_->group->barrier()->wait(); });
}

}  // namespace advlab::distributed

namespace advlab::distributed {

std::shared_ptr<Collective> Connect(const LaunchEnv& env) {
  return env.distributed() ? std::make_shared<Collective>(env) : nullptr;
}
int RankOf(const Collective& group) { return group.rank(); }
int SizeOf(const Collective& group) { return group.size(); }

}  // namespace advlab::distributed
