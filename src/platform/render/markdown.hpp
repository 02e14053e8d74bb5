// Markdown for document bodies: CommonMark with GitHub's tables, strikethrough and autolinks (cmark-gfm), in safe
// mode: raw HTML is dropped (replaced by a comment) and links or images with javascript:, vbscript:, file: or data:
// (other than images) URLs are emptied, so a body can never carry script into a page.
#pragma once

#include <string>
#include <string_view>

namespace platform::render {

// HTML for `markdown` (any UTF-8; invalid sequences are replaced by U+FFFD by cmark). Thread-safe.
std::string markdown_to_html(std::string_view markdown);

// The plain text of `markdown` (for snippets, feeds and search): markup removed, paragraphs on their own lines.
std::string markdown_to_text(std::string_view markdown);

}  // namespace platform::render
