// A simple work queue: N threads take items in order, and results are handed back on the calling
// thread in input order, each as soon as it and every earlier one are done. Workers run at most a
// window ahead of the oldest undelivered item, so buffered results stay bounded.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace quarry::cli {

/// Runs `work(i)` for every i in [0, count) on `jobs` threads and calls `deliver(i, result)` on the
/// calling thread in index order. `idle()` is called on the calling thread about ten times a second
/// while it waits (for redrawing a progress bar). With one job everything runs on the calling thread.
template <class Work, class Deliver, class Idle>
void run_ordered(std::size_t count, unsigned jobs, Work work, Deliver deliver, Idle idle) {
  if (jobs <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) deliver(i, work(i));
    return;
  }
  using result_type = decltype(work(std::size_t{}));
  const std::size_t threads = std::min<std::size_t>(jobs, count);
  const std::size_t window = std::max<std::size_t>(8, 4 * threads);

  std::mutex m;
  std::condition_variable done_cv;   // a result arrived
  std::condition_variable room_cv;   // the window moved
  std::vector<std::optional<result_type>> slots(count);
  std::size_t next = 0;       // next index to hand to a worker
  std::size_t delivered = 0;  // results handed back so far

  auto worker = [&] {
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock lock(m);
        room_cv.wait(lock, [&] { return next >= count || next < delivered + window; });
        if (next >= count) return;
        i = next++;
      }
      result_type r = work(i);
      {
        std::lock_guard lock(m);
        slots[i].emplace(std::move(r));
      }
      done_cv.notify_one();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);

  for (std::size_t i = 0; i < count; ++i) {
    std::optional<result_type> r;
    {
      std::unique_lock lock(m);
      while (!slots[i]) {
        if (!done_cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return slots[i].has_value(); })) {
          lock.unlock();
          idle();
          lock.lock();
        }
      }
      r.swap(slots[i]);
      delivered = i + 1;
    }
    room_cv.notify_all();
    deliver(i, std::move(*r));
    idle();
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace quarry::cli
