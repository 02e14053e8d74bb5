#include "platform/render/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <numeric>

namespace platform::render {

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double kCellPadPt = 4;

struct CairoCloser {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
struct FontDescFree {
  void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}
cairo_status_t discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

}  // namespace

struct PdfDocument::Block {
  enum Kind { text, space, page_break, table } kind = text;
  std::string content;
  ParagraphStyle style;
  bool heading_font = false;
  double space_pt = 0;
  std::vector<std::vector<std::string>> header, rows;
  std::vector<double> widths;
  double table_pt = 0;
};

PdfDocument::PdfDocument(PageSetup setup) : setup_(std::move(setup)) {}
PdfDocument::~PdfDocument() = default;

void PdfDocument::title(const std::string& text) {
  Block b;
  b.content = text;
  b.style.align = Align::center;
  b.style.bold = true;
  b.style.size_pt = setup_.body_pt * 1.4;
  b.style.space_after_pt = setup_.body_pt;
  b.heading_font = true;
  blocks_.push_back(std::move(b));
}

void PdfDocument::heading(const std::string& text) {
  Block b;
  b.content = text;
  b.style.bold = true;
  b.style.space_before_pt = setup_.body_pt * 0.5;
  b.style.space_after_pt = setup_.body_pt * 0.3;
  b.heading_font = true;
  blocks_.push_back(std::move(b));
}

void PdfDocument::paragraph(const std::string& text, ParagraphStyle style) {
  Block b;
  b.content = text;
  b.style = style;
  blocks_.push_back(std::move(b));
}

void PdfDocument::space(double pt) {
  Block b;
  b.kind = Block::space;
  b.space_pt = pt;
  blocks_.push_back(std::move(b));
}

void PdfDocument::page_break() {
  Block b;
  b.kind = Block::page_break;
  blocks_.push_back(std::move(b));
}

void PdfDocument::table(const std::vector<std::vector<std::string>>& header,
                        const std::vector<std::vector<std::string>>& rows, std::vector<double> widths, double size_pt) {
  Block b;
  b.kind = Block::table;
  b.header = header;
  b.rows = rows;
  b.widths = std::move(widths);
  b.table_pt = size_pt;
  blocks_.push_back(std::move(b));
}

namespace {

// One pass over the blocks: measures (draw = false) or draws. Returns the number of pages.
class Writer {
 public:
  Writer(const PageSetup& setup, cairo_t* cr, bool draw, int total_pages)
      : s_(setup), cr_(cr), draw_(draw), total_(total_pages) {
    ctx_.reset(pango_cairo_create_context(cr));
    // Font sizes in points equal Cairo's user units (points) only at 72 dpi.
    pango_cairo_context_set_resolution(ctx_.get(), 72);
    page_w_ = s_.width_mm * kPtPerMm;
    page_h_ = s_.height_mm * kPtPerMm;
    left_ = s_.left_mm * kPtPerMm;
    top_ = s_.top_mm * kPtPerMm;
    text_w_ = page_w_ - left_ - s_.right_mm * kPtPerMm;
    bottom_ = page_h_ - s_.bottom_mm * kPtPerMm;
    y_ = top_;
  }

  LayoutPtr layout(const std::string& text, double width, double size_pt, bool bold, bool heading, Align align,
                   double indent_em) {
    LayoutPtr l(pango_layout_new(ctx_.get()));
    std::unique_ptr<PangoFontDescription, FontDescFree> fd(pango_font_description_new());
    pango_font_description_set_family(fd.get(), (heading ? s_.heading_family : s_.font_family).c_str());
    pango_font_description_set_size(fd.get(), static_cast<int>(size_pt * PANGO_SCALE));
    pango_font_description_set_weight(fd.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l.get(), fd.get());
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_line_spacing(l.get(), static_cast<float>(s_.line_spacing));
    pango_layout_set_indent(l.get(), static_cast<int>(indent_em * size_pt * PANGO_SCALE));
    switch (align) {
      case Align::left: pango_layout_set_alignment(l.get(), PANGO_ALIGN_LEFT); break;
      case Align::center: pango_layout_set_alignment(l.get(), PANGO_ALIGN_CENTER); break;
      case Align::right: pango_layout_set_alignment(l.get(), PANGO_ALIGN_RIGHT); break;
      case Align::justify:
        pango_layout_set_alignment(l.get(), PANGO_ALIGN_LEFT);
        pango_layout_set_justify(l.get(), TRUE);
        break;
    }
    pango_layout_set_text(l.get(), text.c_str(), static_cast<int>(text.size()));
    return l;
  }

  void text(const PdfDocument::Block& b) {
    double size = b.style.size_pt > 0 ? b.style.size_pt : s_.body_pt;
    y_ += b.style.space_before_pt;
    auto l = layout(b.content, text_w_, size, b.style.bold, b.heading_font, b.style.align, b.style.first_line_indent_em);
    // Line by line, so a long paragraph continues on the next page.
    PangoLayoutIter* it = pango_layout_get_iter(l.get());
    double offset = 0;  // layout y of the first line on this page
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      double line_top = logical.y / double(PANGO_SCALE), line_h = logical.height / double(PANGO_SCALE);
      double pos = y_ + (line_top - offset);
      if (pos + line_h > bottom_ && pos > top_) {
        new_page();
        offset = line_top;
      }
      if (draw_) {
        double baseline = pango_layout_iter_get_baseline(it) / double(PANGO_SCALE);
        cairo_move_to(cr_, left_ + logical.x / double(PANGO_SCALE), y_ + baseline - offset);
        pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      }
      if (!pango_layout_iter_next_line(it)) {
        y_ += line_top - offset + line_h;
        break;
      }
    } while (true);
    pango_layout_iter_free(it);
    y_ += b.style.space_after_pt;
  }

  void table(const PdfDocument::Block& b) {
    std::size_t cols = 0;
    for (const auto& r : b.header) cols = std::max(cols, r.size());
    for (const auto& r : b.rows) cols = std::max(cols, r.size());
    if (cols == 0) return;
    std::vector<double> w = b.widths;
    w.resize(cols, w.empty() ? 1.0 : 0.0);
    for (auto& x : w) x = std::max(x, 0.0);
    double sum = std::accumulate(w.begin(), w.end(), 0.0);
    if (sum <= 0) std::fill(w.begin(), w.end(), 1.0), sum = double(cols);
    for (auto& x : w) x = x / sum * text_w_;
    double size = b.table_pt > 0 ? b.table_pt : s_.body_pt * 0.8;

    auto row_layouts = [&](const std::vector<std::string>& row, bool bold) {
      std::vector<LayoutPtr> ls;
      double h = 0;
      for (std::size_t c = 0; c < cols; ++c) {
        const std::string& t = c < row.size() ? row[c] : empty_;
        auto l = layout(t, std::max(1.0, w[c] - 2 * kCellPadPt), size, bold, false, bold ? Align::center : Align::left, 0);
        int lw = 0, lh = 0;
        pango_layout_get_size(l.get(), &lw, &lh);
        h = std::max(h, lh / double(PANGO_SCALE));
        ls.push_back(std::move(l));
      }
      return std::make_pair(std::move(ls), h + 2 * kCellPadPt);
    };
    auto draw_row = [&](std::vector<LayoutPtr>& ls, double h, bool shaded) {
      if (!draw_) return;
      double x = left_;
      for (std::size_t c = 0; c < cols; ++c) {
        if (shaded) {
          cairo_set_source_rgb(cr_, 0.92, 0.92, 0.92);
          cairo_rectangle(cr_, x, y_, w[c], h);
          cairo_fill(cr_);
          cairo_set_source_rgb(cr_, 0, 0, 0);
        }
        cairo_set_line_width(cr_, 0.6);
        cairo_rectangle(cr_, x, y_, w[c], h);
        cairo_stroke(cr_);
        cairo_move_to(cr_, x + kCellPadPt, y_ + kCellPadPt);
        pango_cairo_show_layout(cr_, ls[c].get());
        x += w[c];
      }
    };
    auto header_block = [&] {
      for (const auto& r : b.header) {
        auto [ls, h] = row_layouts(r, true);
        draw_row(ls, h, true);
        y_ += h;
      }
    };
    double header_h = 0;
    for (const auto& r : b.header) header_h += row_layouts(r, true).second;
    // Keep the header with at least the first row.
    double first_h = b.rows.empty() ? 0 : row_layouts(b.rows.front(), false).second;
    if (y_ + header_h + first_h > bottom_ && y_ > top_) new_page();
    header_block();
    for (const auto& r : b.rows) {
      auto [ls, h] = row_layouts(r, false);
      if (y_ + h > bottom_ && y_ > top_ + header_h) {
        new_page();
        header_block();
      }
      draw_row(ls, h, false);
      y_ += h;
    }
    y_ += s_.body_pt * 0.5;
  }

  void footer() {
    if (!draw_ || s_.page_number_format.empty()) return;
    std::string t = replace_all(replace_all(s_.page_number_format, "{page}", std::to_string(page_)), "{pages}",
                                std::to_string(total_));
    auto l = layout(t, text_w_, s_.body_pt * 0.8, false, false, Align::center, 0);
    cairo_move_to(cr_, left_, bottom_ + 7 * kPtPerMm);
    pango_cairo_show_layout(cr_, l.get());
  }

  void new_page() {
    footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = top_;
  }

  int run(const std::vector<PdfDocument::Block>& blocks) {
    cairo_set_source_rgb(cr_, 0, 0, 0);
    for (const auto& b : blocks) {
      switch (b.kind) {
        case PdfDocument::Block::text: text(b); break;
        case PdfDocument::Block::space: y_ = std::min(bottom_, y_ + b.space_pt); break;
        case PdfDocument::Block::page_break:
          if (y_ > top_) new_page();
          break;
        case PdfDocument::Block::table: table(b); break;
      }
    }
    footer();
    cairo_show_page(cr_);
    return page_;
  }

 private:
  const PageSetup& s_;
  cairo_t* cr_;
  bool draw_;
  int total_;
  std::unique_ptr<PangoContext, GObjectUnref> ctx_;
  double page_w_, page_h_, left_, top_, text_w_, bottom_, y_;
  int page_ = 1;
  const std::string empty_;
};

}  // namespace

Result<std::string> PdfDocument::render() const {
  for (const auto& b : blocks_) {
    auto valid = [](const std::string& t) { return g_utf8_validate(t.data(), static_cast<gssize>(t.size()), nullptr); };
    bool ok = valid(b.content);
    for (const auto& r : b.header) ok = ok && std::all_of(r.begin(), r.end(), valid);
    for (const auto& r : b.rows) ok = ok && std::all_of(r.begin(), r.end(), valid);
    if (!ok) return make_error("pdf_invalid_text", "文档内容含有无效字符（不是 UTF-8 文本）。");
  }
  double w = setup_.width_mm * kPtPerMm, h = setup_.height_mm * kPtPerMm;
  // Pass 1 counts pages for "共 N 页"; pass 2 draws.
  int total = 0;
  {
    std::unique_ptr<cairo_surface_t, CairoCloser> surface(cairo_pdf_surface_create_for_stream(discard, nullptr, w, h));
    std::unique_ptr<cairo_t, CairoCloser> cr(cairo_create(surface.get()));
    total = Writer(setup_, cr.get(), false, 0).run(blocks_);
  }
  std::string out;
  {
    std::unique_ptr<cairo_surface_t, CairoCloser> surface(cairo_pdf_surface_create_for_stream(append_to_string, &out, w, h));
    if (!setup_.pdf_title.empty()) cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, setup_.pdf_title.c_str());
    if (!setup_.pdf_author.empty()) cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, setup_.pdf_author.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Gongkai");
    std::unique_ptr<cairo_t, CairoCloser> cr(cairo_create(surface.get()));
    pages_ = Writer(setup_, cr.get(), true, total).run(blocks_);
    cr.reset();
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
      return make_error("pdf_render_failed", "生成 PDF 文件失败。");
    }
  }
  return out;
}

}  // namespace platform::render
