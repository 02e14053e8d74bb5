// A small event (SAX) interface over expat for the XML parts of office files (docx, xlsx, OFD).
//
// Why expat and not a hand-written scanner or a DOM: expat is the XML parser most software ships and fuzzes; it
// decodes every entity and character reference, handles UTF-16 parts and CDATA, and streams, so a 50 MB worksheet
// never becomes a tree. Documents with a DOCTYPE are refused outright — office formats never have one — which also
// shuts out entity-expansion and external-entity tricks.
//
// Names reach the handler without their namespace prefix ("w:t" → "t"): office files use fixed prefixes, but strict
// OOXML and transitional OOXML use different namespace URIs for the same elements, and matching on local names reads
// both.
#pragma once

#include <optional>
#include <string_view>

#include "platform/result.hpp"

namespace platform::files {

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // `attrs` is expat's NULL-terminated array of name, value, name, value... (names with their prefix).
  virtual void start(std::string_view local_name, const char** attrs) {}
  virtual void end(std::string_view local_name) {}
  // Character data, entities decoded, UTF-8; may arrive in several pieces for one text node.
  virtual void text(std::string_view utf8) {}

  // A handler that finds something it cannot accept (too many cells, ...) sets an error; parsing stops and
  // parse_xml returns it.
  std::optional<Error> error;
};

// Parses `xml` and calls `handler` for each event. Errors: the handler's own, or xml_invalid (not well-formed,
// DOCTYPE present).
Result<void> parse_xml(std::string_view xml, XmlHandler& handler);

// The value of the attribute whose local name is `local_name` ("id" finds "r:id"), or nullopt.
std::optional<std::string_view> xml_attr(const char** attrs, std::string_view local_name);

// The name without its prefix: "w:p" → "p".
std::string_view xml_local_name(std::string_view name);

}  // namespace platform::files
