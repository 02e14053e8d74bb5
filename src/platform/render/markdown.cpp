#include "platform/render/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <mutex>

namespace platform::render {
namespace {

constexpr int kOptions = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART;

void ensure_registered() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

template <class F>
std::string render(std::string_view markdown, F&& out) {
  ensure_registered();
  cmark_parser* parser = cmark_parser_new(kOptions);
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser, ext);
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* doc = cmark_parser_finish(parser);
  char* raw = out(doc, cmark_parser_get_syntax_extensions(parser));
  std::string html = raw ? raw : "";
  std::free(raw);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return html;
}

}  // namespace

std::string markdown_to_html(std::string_view markdown) {
  return render(markdown, [](cmark_node* doc, cmark_llist* exts) {
    return cmark_render_html(doc, kOptions, exts);
  });
}

std::string markdown_to_text(std::string_view markdown) {
  return render(markdown, [](cmark_node* doc, cmark_llist*) { return cmark_render_plaintext(doc, kOptions, 0); });
}

}  // namespace platform::render
