// quarry::value (metadata) and its JSON form.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "quarry/quarry.hpp"

using quarry::value;
using namespace std::string_literals;

namespace {

std::string json(const value& v) {
  std::string out;
  quarry::write_json(v, out);
  return out;
}

}  // namespace

TEST(Value, Kinds) {
  EXPECT_EQ(value().type(), value::kind::null);
  EXPECT_TRUE(value(nullptr).is_null());
  EXPECT_EQ(value(true).type(), value::kind::boolean);
  EXPECT_TRUE(value(true).as_bool());
  EXPECT_FALSE(value(false).as_bool());
  EXPECT_EQ(value(42).type(), value::kind::integer);
  EXPECT_EQ(value(std::uint64_t{7}).as_int(), 7);
  EXPECT_EQ(value(static_cast<short>(-3)).as_int(), -3);
  EXPECT_EQ(value(42).as_number(), 42.0);
  EXPECT_EQ(value(2.5).type(), value::kind::number);
  EXPECT_EQ(value(2.5).as_number(), 2.5);
  EXPECT_EQ(value("c").type(), value::kind::string);
  EXPECT_EQ(value(std::string_view("sv")).as_string(), "sv");
  EXPECT_EQ(value("s"s).as_string(), "s");
  const char* no_string = nullptr;
  EXPECT_EQ(value(no_string).as_string(), "");  // not a crash
  EXPECT_EQ(value::array().type(), value::kind::array);
  EXPECT_EQ(value::object().type(), value::kind::object);
}

TEST(Value, ArraysKeepOrder) {
  value a = value::array();
  a.push_back(1);
  a.push_back("two");
  a.push_back(value::array());
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a.items()[1].as_string(), "two");
  EXPECT_EQ(json(a), "[1,\"two\",[]]");
}

TEST(Value, ObjectsKeepInsertionOrderAndSetReplacesInPlace) {
  value o = value::object();
  o.set("title", "First");
  o.set("pages", 3);
  o.set("author", "A");
  o.set("title", "Second");  // replaced, keeps its position
  ASSERT_EQ(o.size(), 3u);
  EXPECT_EQ(o.keys(), (std::vector<std::string>{"title", "pages", "author"}));
  ASSERT_NE(o.find("title"), nullptr);
  EXPECT_EQ(o.find("title")->as_string(), "Second");
  EXPECT_EQ(o.find("missing"), nullptr);
  EXPECT_EQ(json(o), "{\"title\":\"Second\",\"pages\":3,\"author\":\"A\"}");
}

TEST(Value, Equality) {
  value a = value::object();
  a.set("k", 1);
  value b = value::object();
  b.set("k", 1);
  EXPECT_EQ(a, b);
  b.set("k", 2);
  EXPECT_FALSE(a == b);
  EXPECT_FALSE(value(1) == value(1.0));  // integer and number are different kinds
  EXPECT_FALSE(value(true) == value(1));
  EXPECT_EQ(value(), value(nullptr));
  EXPECT_FALSE(value::array() == value::object());
  EXPECT_EQ(value("x"), value("x"s));
  EXPECT_FALSE(value("x") == value("y"));
  EXPECT_EQ(value(0.5), value(0.5));
  EXPECT_FALSE(value(0.5) == value(0.25));
}

TEST(ValueJson, Scalars) {
  EXPECT_EQ(json(value()), "null");
  EXPECT_EQ(json(value(true)), "true");
  EXPECT_EQ(json(value(false)), "false");
  EXPECT_EQ(json(value(0)), "0");
  EXPECT_EQ(json(value(-17)), "-17");
  EXPECT_EQ(json(value(std::numeric_limits<std::int64_t>::min())), "-9223372036854775808");
  EXPECT_EQ(json(value(std::numeric_limits<std::int64_t>::max())), "9223372036854775807");
}

TEST(ValueJson, NumbersUseTheShortestFormThatRoundTrips) {
  EXPECT_EQ(json(value(0.1)), "0.1");
  EXPECT_EQ(json(value(1.5)), "1.5");
  EXPECT_EQ(json(value(-2.0)), "-2");
  EXPECT_EQ(json(value(1.0 / 3.0)), "0.3333333333333333");
  EXPECT_EQ(json(value(0.1 + 0.2)), "0.30000000000000004");
  EXPECT_EQ(json(value(1e21)), "1e+21");
  EXPECT_EQ(json(value(1.5e-7)), "1.5e-07");
  EXPECT_EQ(json(value(5e-324)), "5e-324");  // the smallest subnormal, as JavaScript prints it
  EXPECT_EQ(json(value(std::numeric_limits<double>::max())), "1.7976931348623157e+308");
  for (double d : {0.1, 123.456, 1e-300, 6.02214076e23, 2.0 / 3.0, -1e-5}) {
    EXPECT_EQ(std::strtod(json(value(d)).c_str(), nullptr), d);
  }
}

TEST(ValueJson, NonFiniteNumbersAreNull) {
  EXPECT_EQ(json(value(std::nan(""))), "null");
  EXPECT_EQ(json(value(std::numeric_limits<double>::infinity())), "null");
  EXPECT_EQ(json(value(-std::numeric_limits<double>::infinity())), "null");
}

TEST(ValueJson, StringEscaping) {
  EXPECT_EQ(json(value("plain")), "\"plain\"");
  EXPECT_EQ(json(value("q\"b\\s/")), "\"q\\\"b\\\\s/\"");
  EXPECT_EQ(json(value("\n\r\t\b\f")), "\"\\n\\r\\t\\b\\f\"");
  EXPECT_EQ(json(value("\x01\x1F\x7F"s)), "\"\\u0001\\u001f\x7F\"");
  EXPECT_EQ(json(value("nul:\0!"s)), "\"nul:\\u0000!\"");
  // Valid UTF-8 passes through untouched, U+FFFD included.
  EXPECT_EQ(json(value("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBD")),
            "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBD\"");
}

TEST(ValueJson, InvalidUtf8BecomesReplacementCharacters) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(json(value("a\xFF" "b")), "\"a" + fffd + "b\"");
  EXPECT_EQ(json(value("\xC0\x80")), "\"" + fffd + fffd + "\"");            // overlong NUL
  EXPECT_EQ(json(value("\xED\xA0\x80")), "\"" + fffd + fffd + fffd + "\"");  // surrogate
  EXPECT_EQ(json(value("end\xE2\x82")), "\"end" + fffd + fffd + "\"");       // truncated
}

TEST(ValueJson, KeysAreEscapedToo) {
  value o = value::object();
  o.set("a\"b\n", 1);
  o.set("bad\xFF", 2);
  EXPECT_EQ(json(o), "{\"a\\\"b\\n\":1,\"bad\xEF\xBF\xBD\":2}");
}

TEST(ValueJson, Nesting) {
  value inner = value::object();
  inner.set("x", value::array());
  value outer = value::array();
  outer.push_back(inner);
  outer.push_back(value());
  value doc = value::object();
  doc.set("list", outer);
  doc.set("empty", value::object());
  EXPECT_EQ(json(doc), "{\"list\":[{\"x\":[]},null],\"empty\":{}}");
}

TEST(ValueJson, AppendsToWhatIsThere) {
  std::string out = "prefix ";
  quarry::write_json(value(1), out);
  EXPECT_EQ(out, "prefix 1");
}
