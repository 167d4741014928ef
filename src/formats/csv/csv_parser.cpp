#include "formats/csv/csv_parser.hpp"

namespace quarry::detail {

void csv_parser::end_field() {
  ends_.push_back(data_.size());
  field_begin_ = data_.size();
  only_spaces_ = true;
  state_ = state::unquoted;
}

bool csv_parser::end_record(csv_record_sink& sink) {
  record_open_ = false;
  bool blank = ends_.size() == 1 && !any_quoted_;
  for (std::size_t i = 0; blank && i < data_.size(); ++i) blank = data_[i] == ' ' || data_[i] == '\t';
  bool go_on = true;
  if (!blank) {
    views_.clear();
    std::size_t begin = 0;
    for (const std::size_t end : ends_) {
      views_.emplace_back(data_.data() + begin, end - begin);
      begin = end;
    }
    ++records_;
    go_on = sink.on_record(views_);
  }
  data_.clear();
  ends_.clear();
  field_begin_ = 0;
  only_spaces_ = true;
  any_quoted_ = false;
  state_ = state::unquoted;
  return go_on;
}

bool csv_parser::feed(std::string_view s, csv_record_sink& sink) {
  const char d = dialect_.delimiter;
  const char q = dialect_.quote;
  const bool quoting = quoting_ && q != '\0';
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    if (skip_lf_) {
      skip_lf_ = false;
      if (s[i] == '\n') {
        ++i;
        continue;
      }
    }
    record_open_ = true;
    switch (state_) {
      case state::unquoted: {
        std::size_t j = i;
        while (j < n) {
          const char c = s[j];
          if (c == d || c == '\n' || c == '\r' || (quoting && c == q)) break;
          ++j;
        }
        if (j > i) {
          for (std::size_t k = i; only_spaces_ && k < j; ++k) only_spaces_ = s[k] == ' ';
          data_.append(s.data() + i, j - i);
          i = j;
        }
        if (i == n) break;
        const char c = s[i++];
        if (c == d) {
          if (ends_.size() + 1 < max_fields) {
            end_field();
          } else {
            too_wide_ = true;
            data_ += c;
            only_spaces_ = false;
          }
        } else if (c == '\n' || c == '\r') {
          ++line_;
          end_field();
          if (!end_record(sink)) return false;
          skip_lf_ = c == '\r';
        } else if (only_spaces_) {  // an opening quote; spaces before it are not data
          data_.resize(field_begin_);
          state_ = state::quoted;
          any_quoted_ = true;
          quote_line_ = line_;
        } else {
          data_ += c;
        }
        break;
      }
      case state::quoted: {
        if (skip_quoted_lf_) {
          skip_quoted_lf_ = false;
          if (s[i] == '\n') {
            ++i;
            continue;
          }
        }
        std::size_t j = i;
        while (j < n && s[j] != q && s[j] != '\n' && s[j] != '\r') ++j;
        data_.append(s.data() + i, j - i);
        i = j;
        if (i == n) break;
        const char c = s[i++];
        if (c == q) {
          state_ = state::quote_in_quoted;
        } else {
          ++line_;
          data_ += '\n';
          skip_quoted_lf_ = c == '\r';
        }
        break;
      }
      case state::quote_in_quoted:
        if (s[i] == q) {  // a doubled quote
          data_ += q;
          ++i;
          state_ = state::quoted;
        } else {  // the field was closed: what follows up to the delimiter is kept as it is
          state_ = state::unquoted;
          only_spaces_ = false;
        }
        break;
    }
  }
  return true;
}

bool csv_parser::finish(csv_record_sink& sink) {
  skip_lf_ = false;
  skip_quoted_lf_ = false;
  if (state_ == state::quoted && quoting_) {
    unterminated_ = true;
    std::string rest = data_.substr(field_begin_);
    data_.resize(field_begin_);
    data_ += dialect_.quote;
    state_ = state::unquoted;
    only_spaces_ = false;
    quoting_ = false;
    if (!feed(rest, sink)) return false;
  }
  if (!record_open_) return true;
  end_field();
  return end_record(sink);
}

}  // namespace quarry::detail
