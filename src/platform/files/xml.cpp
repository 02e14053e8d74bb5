#include "platform/files/xml.hpp"

#include <expat.h>

#include <algorithm>
#include <cstring>

namespace platform::files {
namespace {

struct State {
  XML_Parser parser;
  XmlHandler* handler;
  bool doctype = false;
};

void stop_if_failed(State* s) {
  if (s->handler->error) XML_StopParser(s->parser, XML_FALSE);
}

void on_start(void* ud, const XML_Char* name, const XML_Char** attrs) {
  auto* s = static_cast<State*>(ud);
  s->handler->start(xml_local_name(name), attrs);
  stop_if_failed(s);
}

void on_end(void* ud, const XML_Char* name) {
  auto* s = static_cast<State*>(ud);
  s->handler->end(xml_local_name(name));
  stop_if_failed(s);
}

void on_text(void* ud, const XML_Char* text, int len) {
  auto* s = static_cast<State*>(ud);
  s->handler->text(std::string_view(text, static_cast<std::size_t>(len)));
  stop_if_failed(s);
}

void on_doctype(void* ud, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* s = static_cast<State*>(ud);
  s->doctype = true;
  XML_StopParser(s->parser, XML_FALSE);
}

}  // namespace

std::string_view xml_local_name(std::string_view name) {
  auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::optional<std::string_view> xml_attr(const char** attrs, std::string_view local_name) {
  if (!attrs) return std::nullopt;
  for (std::size_t i = 0; attrs[i] && attrs[i + 1]; i += 2) {
    if (xml_local_name(attrs[i]) == local_name) return std::string_view(attrs[i + 1]);
  }
  return std::nullopt;
}

Result<void> parse_xml(std::string_view xml, XmlHandler& handler) {
  XML_Parser p = XML_ParserCreate(nullptr);
  if (!p) return make_error("xml_invalid", "内存不足，无法解析 XML");
  State state{p, &handler};
  XML_SetUserData(p, &state);
  XML_SetElementHandler(p, on_start, on_end);
  XML_SetCharacterDataHandler(p, on_text);
  XML_SetStartDoctypeDeclHandler(p, on_doctype);
  XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);

  // XML_Parse takes an int length: feed large parts in pieces.
  constexpr std::size_t kChunk = 1u << 24;
  bool ok = true;
  std::size_t pos = 0;
  do {
    const std::size_t n = std::min(kChunk, xml.size() - pos);
    const bool last = pos + n == xml.size();
    if (XML_Parse(p, xml.data() + pos, static_cast<int>(n), last ? XML_TRUE : XML_FALSE) != XML_STATUS_OK) {
      ok = false;
      break;
    }
    pos += n;
  } while (pos < xml.size());

  std::string detail;
  if (!ok && !handler.error && !state.doctype) {
    detail = "第 " + std::to_string(XML_GetCurrentLineNumber(p)) + " 行：" + XML_ErrorString(XML_GetErrorCode(p));
  }
  XML_ParserFree(p);
  if (handler.error) return *handler.error;
  if (state.doctype) return make_error("xml_invalid", "XML 中不允许出现 DOCTYPE 声明");
  if (!ok) return make_error("xml_invalid", "XML 格式不正确（" + detail + "）");
  return {};
}

}  // namespace platform::files
