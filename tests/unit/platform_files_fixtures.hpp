// Small office files built in the test itself, so the tests need no programs CI may lack: zips (docx, xlsx, OFD)
// written with libzip, a PDF with a CID font and a ToUnicode map written by hand, a compound file (.doc/.xls) with
// one stream, and minimal PNG/JPEG/GIF headers.
#pragma once

#include <unistd.h>
#include <zip.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace gongkai_test {

using Entries = std::vector<std::pair<std::string, std::string>>;

// A zip of the entries, in order (deflated unless `store`).
inline std::string make_zip(const Entries& entries, bool store = false) {
  auto path = std::filesystem::temp_directory_path() /
              ("gk-zip-" + std::to_string(::getpid()) + "-" + std::to_string(reinterpret_cast<std::uintptr_t>(&entries)) + ".zip");
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) throw std::runtime_error("zip_open failed");
  for (const auto& [name, data] : entries) {
    zip_source_t* src = zip_source_buffer(z, data.data(), data.size(), 0);
    zip_int64_t idx = zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) throw std::runtime_error("zip_file_add failed");
    zip_set_file_compression(z, static_cast<zip_uint64_t>(idx), store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
  }
  if (zip_close(z) != 0) throw std::runtime_error("zip_close failed");
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::filesystem::remove(path);
  return ss.str();
}

inline const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>)";

// A .docx whose word/document.xml has `body` inside <w:body>.
inline std::string make_docx(const std::string& body) {
  std::string doc =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
      R"(xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>)" +
      body + "</w:body></w:document>";
  return make_zip({{"[Content_Types].xml", kContentTypes}, {"_rels/.rels", "<Relationships/>"},
                   {"word/document.xml", doc}});
}

// A paragraph of one run.
inline std::string para(const std::string& text) { return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"; }

// A .xlsx with the given sheets (name, <sheetData> content) and shared strings.
inline std::string make_xlsx(const std::vector<std::pair<std::string, std::string>>& sheets,
                             const std::vector<std::string>& shared = {}) {
  std::string wb = R"(<?xml version="1.0" encoding="UTF-8"?><workbook )"
                   R"(xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
                   R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)";
  std::string rels = R"(<?xml version="1.0" encoding="UTF-8"?><Relationships )"
                     R"(xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  Entries e{{"[Content_Types].xml", kContentTypes}};
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    // Relationship ids deliberately not in sheet order, so the reader must follow them.
    const std::string rid = "rId" + std::to_string(10 - i);
    wb += R"(<sheet name=")" + sheets[i].first + R"(" sheetId=")" + n + R"(" r:id=")" + rid + R"("/>)";
    rels += R"(<Relationship Id=")" + rid + R"(" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet)" + n + R"(.xml"/>)";
    e.emplace_back("xl/worksheets/sheet" + n + ".xml",
                   R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
                       sheets[i].second + "</sheetData></worksheet>");
  }
  wb += "</sheets></workbook>";
  rels += "</Relationships>";
  e.emplace_back("xl/workbook.xml", wb);
  e.emplace_back("xl/_rels/workbook.xml.rels", rels);
  if (!shared.empty()) {
    std::string sst = R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
    for (const auto& s : shared) sst += "<si><t>" + s + "</t></si>";
    sst += "</sst>";
    e.emplace_back("xl/sharedStrings.xml", sst);
  }
  return make_zip(e);
}

// An OFD with one document whose pages hold the given Content.xml bodies (inside <ofd:Content><ofd:Layer>).
inline std::string make_ofd(const std::vector<std::string>& pages) {
  Entries e{{"OFD.xml", R"(<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" )"
                        R"(Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>)"
                        R"(</ofd:DocBody></ofd:OFD>)"},
            {"Doc_0/Document.xml", "<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"/>"}};
  for (std::size_t i = 0; i < pages.size(); ++i) {
    e.emplace_back("Doc_0/Pages/Page_" + std::to_string(i) + "/Content.xml",
                   R"(<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">)"
                   R"(<ofd:Content><ofd:Layer ID="1">)" + pages[i] + "</ofd:Layer></ofd:Content></ofd:Page>");
  }
  return make_zip(e);
}

inline std::string ofd_text_object(const std::string& y, const std::string& text) {
  return R"(<ofd:TextObject ID="2" Boundary="10 )" + y + R"( 100 10" Font="3" Size="3.5">)"
         R"(<ofd:TextCode X="0" Y="3">)" + text + "</ofd:TextCode></ofd:TextObject>";
}

// A one-page PDF: `ascii` in Helvetica, then the CJK characters of `cjk_codepoints` through a Type0 font with
// Identity-H encoding and a ToUnicode CMap (no font embedded: text extraction needs only the map).
inline std::string make_pdf(const std::string& ascii, const std::vector<unsigned>& cjk_codepoints) {
  char buf[32];
  std::string cids, bfchars;
  for (std::size_t i = 0; i < cjk_codepoints.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%04zX", i + 1);
    cids += buf;
    std::string line = std::string("<") + buf + "> <";
    std::snprintf(buf, sizeof buf, "%04X", cjk_codepoints[i]);
    bfchars += line + buf + ">\n";
  }
  const std::string content = "BT /F2 12 Tf 72 720 Td (" + ascii + ") Tj ET\nBT /F1 12 Tf 72 700 Td <" + cids +
                              "> Tj ET\n";
  const std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" +
      std::to_string(cjk_codepoints.size()) + " beginbfchar\n" + bfchars +
      "endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 8 0 R >> >> "
      "/Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] "
      "/ToUnicode 7 0 R >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
      "/Ordering (Identity) /Supplement 0 >> /FontDescriptor 9 0 R /DW 1000 >>",
      "<< /Length " + std::to_string(cmap.size()) + " >>\nstream\n" + cmap + "endstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 "
      "/Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
  };
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (auto off : offsets) {
    std::snprintf(buf, sizeof buf, "%010zu", off);
    pdf += std::string(buf) + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A Compound File (the container of .doc and .xls) with one 4 KiB stream named `stream` ("WordDocument" for Word,
// "Workbook" for Excel): header, one FAT sector, one directory sector, eight data sectors.
inline std::string make_cfb(const std::string& stream) {
  std::string f(512 * 11, '\0');
  auto put16 = [&](std::size_t at, std::uint16_t v) { f[at] = char(v & 0xFF); f[at + 1] = char(v >> 8); };
  auto put32 = [&](std::size_t at, std::uint32_t v) { for (int i = 0; i < 4; ++i) f[at + i] = char((v >> (8 * i)) & 0xFF); };
  const std::string sig = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  f.replace(0, 8, sig);
  put16(24, 0x3E); put16(26, 3); put16(28, 0xFFFE); put16(30, 9); put16(32, 6);
  put32(44, 1);            // FAT sectors
  put32(48, 1);            // first directory sector
  put32(56, 0x1000);       // mini stream cutoff
  put32(60, 0xFFFFFFFE); put32(64, 0);  // no mini FAT
  put32(68, 0xFFFFFFFE); put32(72, 0);  // no DIFAT sectors
  for (int i = 0; i < 109; ++i) put32(76 + 4 * i, 0xFFFFFFFF);
  put32(76, 0);            // the FAT is sector 0
  const std::size_t fat = 512, dir = 1024;
  for (int i = 0; i < 128; ++i) put32(fat + 4 * i, 0xFFFFFFFF);
  put32(fat + 0, 0xFFFFFFFD);
  put32(fat + 4, 0xFFFFFFFE);
  for (int s = 2; s < 9; ++s) put32(fat + 4 * s, s + 1);
  put32(fat + 36, 0xFFFFFFFE);
  auto entry = [&](std::size_t at, const std::string& name, int type, std::uint32_t child, std::uint32_t start,
                   std::uint32_t size) {
    for (std::size_t i = 0; i < name.size(); ++i) f[at + 2 * i] = name[i];  // ASCII → UTF-16LE
    if (!name.empty()) put16(at + 64, static_cast<std::uint16_t>(2 * (name.size() + 1)));
    f[at + 66] = char(type);
    f[at + 67] = name.empty() ? 0 : 1;
    put32(at + 68, 0xFFFFFFFF); put32(at + 72, 0xFFFFFFFF); put32(at + 76, child);
    put32(at + 116, start); put32(at + 120, size);
  };
  entry(dir, "Root Entry", 5, 1, 0xFFFFFFFE, 0);
  entry(dir + 128, stream, 2, 0xFFFFFFFF, 2, 4096);
  entry(dir + 256, "", 0, 0xFFFFFFFF, 0, 0);
  entry(dir + 384, "", 0, 0xFFFFFFFF, 0, 0);
  f[1536] = '\xEC';
  f[1537] = '\xA5';
  return f;
}

// A valid 1×1 PNG, a JPEG/JFIF header and a GIF89a 1×1 image.
inline std::string png_bytes() {
  static const unsigned char b[] = {
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
      0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00,
      0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D,
      0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
  return std::string(reinterpret_cast<const char*>(b), sizeof b);
}
inline std::string jpeg_bytes() {
  static const unsigned char b[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01,
                                    0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9};
  return std::string(reinterpret_cast<const char*>(b), sizeof b);
}
inline std::string gif_bytes() {
  static const unsigned char b[] = {'G', 'I', 'F', '8', '9', 'a', 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00,
                                    0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00,
                                    0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44,
                                    0x01, 0x00, 0x3B};
  return std::string(reinterpret_cast<const char*>(b), sizeof b);
}

}  // namespace gongkai_test
