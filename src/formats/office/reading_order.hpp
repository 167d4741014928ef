// Reading order for the shapes of a slide (PPTX and ODP): titles first, then shapes that have no
// position (in document order), then the rest in rows, top to bottom, and left to right within a
// row. Shapes whose tops are within a small tolerance of a row's first shape share the row, so
// boxes laid out side by side read left to right even when they are a hair out of line.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace quarry::detail {

/// Sorts `shapes` (each with bool `title`, bool `positioned`, integer `x` and `y`) into reading
/// order; `row_tolerance` is in the shapes' units. Stable: ties keep document order.
template <class Shape>
void sort_reading_order(std::vector<Shape>& shapes, std::int64_t row_tolerance) {
  auto rank = [](const Shape& s) { return s.title ? 0 : s.positioned ? 2 : 1; };
  std::stable_sort(shapes.begin(), shapes.end(), [&](const Shape& a, const Shape& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (rank(a) != 2) return false;
    return a.y < b.y;
  });
  auto row = std::find_if(shapes.begin(), shapes.end(), [&](const Shape& s) { return rank(s) == 2; });
  while (row != shapes.end()) {
    const std::int64_t top = row->y;
    auto end = std::find_if(row, shapes.end(), [&](const Shape& s) { return s.y - top > row_tolerance; });
    std::stable_sort(row, end, [](const Shape& a, const Shape& b) { return a.x < b.x; });
    row = end;
  }
}

}  // namespace quarry::detail
