// Numbers from a PDF are untrusted doubles (1e300, -inf, NaN all occur in damaged or hostile
// files); converting one to an integer type out of range is undefined behaviour, so every such
// conversion goes through here.
#pragma once

#include <cmath>
#include <limits>

namespace quarry::detail::pdf {

/// `v` converted to the integer type `I`, truncated toward zero and clamped to I's range; NaN gives 0.
template <class I>
[[nodiscard]] constexpr I clamp_to(double v) noexcept {
  if (!(v == v)) return 0;  // NaN
  constexpr auto lo = static_cast<double>(std::numeric_limits<I>::min());
  constexpr auto hi = static_cast<double>(std::numeric_limits<I>::max());
  if (v <= lo) return std::numeric_limits<I>::min();
  // `hi` may round up past I's max (e.g. 2^63 for int64), so the bound is exclusive there.
  if (v >= hi) return std::numeric_limits<I>::max();
  return static_cast<I>(v);
}

}  // namespace quarry::detail::pdf
