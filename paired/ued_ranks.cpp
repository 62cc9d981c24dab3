#include "paired/ued_ranks.h"

#include <chrono>
#include <cstring>
#include <stdexcept>

#include "core/check.h"
#include "distributed/collective.h"

namespace advlab::paired {
namespace {

// Bytes in the order they were written; the ranks run the same build, so
// plain memory images are enough.
class Bytes {
 public:
  Bytes() = default;
  explicit Bytes(std::string data) : data_(std::move(data)) {}

  template <typename T>
  void Put(const T& value) {
    data_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  template <typename T>
  void PutVector(const std::vector<T>& values) {
    Put(values.size());
    data_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  void PutString(const std::string& s) {
    Put(s.size());
    data_ += s;
  }
  template <typename T>
  T Get() {
    T value;
    std::memcpy(&value, Take(sizeof(T)), sizeof(T));
    return value;
  }
  template <typename T>
  std::vector<T> GetVector() {
    const auto n = Get<size_t>();
    std::vector<T> values(n);
    if (n > 0) std::memcpy(values.data(), Take(n * sizeof(T)), n * sizeof(T));
    return values;
  }
  std::string GetString() {
    const auto n = Get<size_t>();
    return std::string(Take(n), n);
  }
  const std::string& data() const { return data_; }

 private:
  const char* Take(size_t n) {
    if (at_ + n > data_.size()) throw std::runtime_error("UedRanks: a gathered part is cut short");
    const char* p = data_.data() + at_;
    at_ += n;
    return p;
  }
  std::string data_;
  size_t at_ = 0;
};

template <typename T>
void Append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

// Times one collective and adds it to `traffic`.
template <typename Op>
void Counted(UedRanks::Traffic& traffic, double bytes, Op op) {
  const auto start = std::chrono::steady_clock::now();
  op();
  traffic.seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  traffic.bytes += bytes;
}

double PayloadBytes(const torch::Tensor& t) {
  return static_cast<double>(t.numel() * t.element_size());
}

// The gathers below list every field: one added to these types must be
// gathered too, or ranks would curate from different statistics. (The size
// checks catch most additions, not a small field fitting in padding.)
static_assert(sizeof(LevelReturns) == 6 * sizeof(std::vector<double>), "gather the new field");
static_assert(sizeof(ReplayScore) == 4 * sizeof(double), "gather the new field");

}  // namespace

template <typename Op>
void UedRanks::Count(double bytes, Op op) const {
  Counted(*traffic_, bytes, op);
}

UedRanks::UedRanks(distributed::Collective* group, int worlds) : group_(group) {
  if (group_) {
    rank_ = group_->rank();
    size_ = group_->size();
  }
  ADVLAB_CHECK_GE(worlds, size_);  // the job refuses fewer worlds than ranks
  shard_ = rl::WorldShard::Of(worlds, rank_, size_);
}

rl::DataParallel UedRanks::Parallel() const {
  rl::DataParallel parallel{shard_, nullptr};
  if (group_) {
    parallel.sum = [group = group_, traffic = traffic_](torch::Tensor& t) {
      Counted(*traffic, PayloadBytes(t), [&] { group->AllReduceSum(t); });
    };
  }
  return parallel;
}

std::vector<std::string> UedRanks::AllGather(const std::string& bytes) const {
  if (!group_) return {bytes};
  std::vector<std::string> all;
  Count(static_cast<double>(bytes.size()), [&] { all = group_->AllGather(bytes); });
  return all;
}

LevelReturns UedRanks::Gather(const LevelReturns& mine) const {
  if (!group_) return mine;
  Bytes out;
  out.PutVector(mine.episodes);
  out.PutVector(mine.solved);
  out.PutVector(mine.mean_return);
  out.PutVector(mine.max_return);
  out.PutVector(mine.mean_length);
  out.PutVector(mine.solved_length);
  LevelReturns all;
  for (std::string& part : AllGather(out.data())) {
    Bytes in(std::move(part));
    Append(all.episodes, in.GetVector<int>());
    Append(all.solved, in.GetVector<int>());
    Append(all.mean_return, in.GetVector<double>());
    Append(all.max_return, in.GetVector<double>());
    Append(all.mean_length, in.GetVector<double>());
    Append(all.solved_length, in.GetVector<double>());
  }
  return all;
}

std::vector<ReplayScore> UedRanks::Gather(const std::vector<ReplayScore>& mine) const {
  if (!group_) return mine;
  Bytes out;
  out.Put(mine.size());
  for (const ReplayScore& s : mine) {
    out.Put(s.scored);
    out.Put(s.score);
    out.Put(s.first_score);
    out.Put(s.max_return);
  }
  std::vector<ReplayScore> all;
  for (std::string& part : AllGather(out.data())) {
    Bytes in(std::move(part));
    for (auto n = in.Get<size_t>(); n > 0; --n) {
      ReplayScore s;
      s.scored = in.Get<bool>();
      s.score = in.Get<double>();
      s.first_score = in.Get<double>();
      s.max_return = in.Get<double>();
      all.push_back(s);
    }
  }
  return all;
}

std::vector<double> UedRanks::Gather(const std::vector<double>& mine) const {
  if (!group_) return mine;
  Bytes out;
  out.PutVector(mine);
  std::vector<double> all;
  for (std::string& part : AllGather(out.data()))
    Append(all, Bytes(std::move(part)).GetVector<double>());
  return all;
}

std::vector<envs::Level> UedRanks::Gather(const std::vector<envs::Level>& mine) const {
  if (!group_) return mine;
  Bytes out;
  out.Put(mine.size());
  for (const envs::Level& l : mine) {
    out.PutString(l.name);
    for (int v :
         {l.width, l.height, l.agent.x, l.agent.y, l.direction, l.goal.x, l.goal.y, l.max_steps}) {
      out.Put(v);
    }
    out.PutVector(l.walls);
    out.PutVector(l.goal_candidates);
  }
  std::vector<envs::Level> all;
  for (std::string& part : AllGather(out.data())) {
    Bytes in(std::move(part));
    for (auto n = in.Get<size_t>(); n > 0; --n) {
      envs::Level l;
      l.name = in.GetString();
      for (int* v : {&l.width, &l.height, &l.agent.x, &l.agent.y, &l.direction, &l.goal.x,
                     &l.goal.y, &l.max_steps}) {
        *v = in.Get<int>();
      }
      l.walls = in.GetVector<uint8_t>();
      l.goal_candidates = in.GetVector<envs::Cell>();
      all.push_back(std::move(l));
    }
  }
  return all;
}

std::string UedRanks::Concatenate(const std::string& mine) const {
  std::string all;
  for (const std::string& part : AllGather(mine)) all += part;
  return all;
}

void UedRanks::Broadcast(const std::vector<torch::Tensor>& tensors) const {
  if (!group_) return;
  torch::NoGradGuard no_grad;
  for (torch::Tensor t : tensors) Count(PayloadBytes(t), [&] { group_->Broadcast(t, 0); });
}

void UedRanks::CheckIdentical(const std::string& what, uint64_t digest) const {
  if (!group_) return;
  Bytes out;
  out.Put(digest);
  const std::vector<std::string> all = AllGather(out.data());
  for (size_t r = 1; r < all.size(); ++r) {
    if (all[r] != all[0]) {
      throw std::runtime_error("data-parallel ranks disagree: rank " + std::to_string(r) + "'s " +
                               what + " differ from rank 0's");
    }
  }
}

bool UedRanks::Any(bool mine) const {
  if (!group_) return mine;
  torch::Tensor flag = torch::tensor({mine ? 1.0f : 0.0f});
  Count(PayloadBytes(flag), [&] { group_->AllReduceSum(flag); });
  return flag.item<float>() > 0;
}

}  // namespace advlab::paired
