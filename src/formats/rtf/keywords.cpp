#include "formats/rtf/keywords.hpp"

#include <algorithm>
#include <array>

namespace quarry::detail::rtf {

namespace {

constexpr std::uint32_t arg(info_field f) noexcept { return static_cast<std::uint32_t>(f); }
constexpr std::uint32_t arg(info_number n) noexcept { return static_cast<std::uint32_t>(n); }

// Sorted by name (checked at compile time below), for binary search.
constexpr keyword keywords[] = {
    {"aftncn", action::skip},
    {"aftnsep", action::skip},
    {"aftnsepc", action::skip},
    {"annotation", action::annotation},
    {"ansi", action::codepage_name, 1252},
    {"ansicpg", action::ansi_codepage},
    {"atnauthor", action::annotation_author},
    {"atndate", action::skip},
    {"atnid", action::skip},
    {"atnref", action::skip},
    {"author", action::info_text, arg(info_field::author)},
    {"b", action::bold},
    {"bkmkend", action::skip},
    {"bkmkstart", action::skip},
    {"bullet", action::character, 0x2022},
    {"buptim", action::skip},
    {"category", action::info_text, arg(info_field::category)},
    {"cell", action::cell},
    {"chftn", action::footnote_mark},
    {"colortbl", action::skip},
    {"column", action::page},
    {"comment", action::info_text, arg(info_field::comment)},
    {"company", action::info_text, arg(info_field::company)},
    {"cpg", action::font_codepage},
    {"creatim", action::info_date, arg(info_field::created)},
    {"deff", action::default_font},
    {"deleted", action::deleted},
    {"doccomm", action::info_text, arg(info_field::comment)},
    {"dy", action::date_part, 2},
    {"emdash", action::character, 0x2014},
    {"emspace", action::character, 0x2003},
    {"endash", action::character, 0x2013},
    {"enspace", action::character, 0x2002},
    {"f", action::font},
    {"fcharset", action::font_charset},
    {"field", action::field},
    {"fldinst", action::field_inst},
    {"fldrslt", action::field_result},
    {"fonttbl", action::font_table},
    {"footer", action::header_footer},
    {"footerf", action::header_footer},
    {"footerl", action::header_footer},
    {"footerr", action::header_footer},
    {"footnote", action::footnote},
    {"ftncn", action::skip},
    {"ftnsep", action::skip},
    {"ftnsepc", action::skip},
    {"generator", action::info_text, arg(info_field::generator)},
    {"header", action::header_footer},
    {"headerf", action::header_footer},
    {"headerl", action::header_footer},
    {"headerr", action::header_footer},
    {"hlinkbase", action::skip},
    {"hr", action::date_part, 3},
    {"i", action::italic},
    {"info", action::info},
    {"intbl", action::in_table},
    {"itap", action::table_level},
    {"keywords", action::info_text, arg(info_field::keywords)},
    {"ldblquote", action::character, 0x201C},
    {"line", action::line},
    {"listtext", action::list_text},
    {"lquote", action::character, 0x2018},
    {"mac", action::codepage_name, 10000},
    {"manager", action::info_text, arg(info_field::manager)},
    {"min", action::date_part, 4},
    {"mo", action::date_part, 1},
    {"nestcell", action::nest_cell},
    {"nestrow", action::nest_row},
    {"nesttableprops", action::drop},
    {"nofchars", action::info_number, arg(info_number::characters)},
    {"nofpages", action::info_number, arg(info_number::pages)},
    {"nofwords", action::info_number, arg(info_number::words)},
    {"nonesttables", action::skip},
    {"nonshppict", action::skip},
    {"objdata", action::skip},
    {"object", action::transparent},
    {"operator", action::info_text, arg(info_field::operator_name)},
    {"outlinelevel", action::outline_level},
    {"page", action::page},
    {"par", action::par},
    {"pard", action::pard},
    {"pc", action::codepage_name, 437},
    {"pca", action::codepage_name, 850},
    {"pict", action::skip},
    {"plain", action::plain},
    {"pn", action::skip},
    {"pntext", action::list_text},
    {"pntxta", action::skip},
    {"pntxtb", action::skip},
    {"printim", action::skip},
    {"qmspace", action::character, 0x2005},
    {"rdblquote", action::character, 0x201D},
    {"result", action::transparent},
    {"revtim", action::info_date, arg(info_field::modified)},
    {"row", action::row},
    {"rquote", action::character, 0x2019},
    {"rxe", action::skip},
    {"sec", action::date_part, 5},
    {"sect", action::page},
    {"shpinst", action::transparent},
    {"shppict", action::transparent},
    {"shprslt", action::skip},
    {"shptxt", action::transparent},
    {"sp", action::skip},
    {"strike", action::strike},
    {"striked", action::strike},
    {"stylesheet", action::skip},
    {"subject", action::info_text, arg(info_field::subject)},
    {"tab", action::tab},
    {"tc", action::skip},
    {"tcn", action::skip},
    {"title", action::info_text, arg(info_field::title)},
    {"txe", action::skip},
    {"u", action::unicode},
    {"uc", action::unicode_skip},
    {"ud", action::transparent},
    {"upr", action::unicode_pair},
    {"v", action::hidden},
    {"version", action::info_number, arg(info_number::version)},
    {"xe", action::skip},
    {"yr", action::date_part, 0},
    {"zwj", action::character, 0x200D},
    {"zwnj", action::character, 0x200C},
};

constexpr bool sorted() {
  for (std::size_t i = 1; i < std::size(keywords); ++i) {
    if (!(keywords[i - 1].name < keywords[i].name)) return false;
  }
  return true;
}
static_assert(sorted(), "the keyword table must stay sorted by name");

}  // namespace

const keyword* find_keyword(std::string_view name) noexcept {
  const auto* end = std::end(keywords);
  const auto* it = std::lower_bound(std::begin(keywords), end, name,
                                    [](const keyword& k, std::string_view n) { return k.name < n; });
  return it != end && it->name == name ? it : nullptr;
}

}  // namespace quarry::detail::rtf
