package vn.attthub.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PdfRendererTests {
    static final String TRICKY = "ẠẶẸỆỊỌỘỢỤỰỲỴ ĐđƠơƯư ạặẹệịọộợụựỳỵ ẮẰẲẴ ẤẦẨẪ ếềểễ ốồổỗ ớờởỡ ứừửữ";
    static final String TITLE = "Quyết định phê duyệt cấp độ";

    private final PdfRenderer renderer = new PdfRenderer(null);

    @Test
    void vietnameseTextIsRenderedWithEmbeddedFontsAndExtractsBackExactly() throws IOException {
        byte[] pdf = renderer.render("""
                <html><head><style>body { font-family: 'DejaVu Serif'; } b { font-family: 'DejaVu Sans'; }</style></head>
                <body><h1>%s</h1><p>%s</p><p><b>Hệ thống thông tin cấp độ 3</b></p></body></html>"""
                .formatted(TITLE, TRICKY));

        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<PDFont> fonts = fonts(doc);
            assertThat(fonts).isNotEmpty();
            assertThat(fonts).allSatisfy(f -> assertThat(f.isEmbedded()).as(f.getName() + " embedded").isTrue());
            assertThat(fonts).extracting(PDFont::getName).anyMatch(n -> n.contains("DejaVuSerif"))
                    .anyMatch(n -> n.contains("DejaVuSans"));
            String text = new PDFTextStripper().getText(doc);
            assertThat(text.lines().map(String::strip).toList()).contains(TITLE, TRICKY, "Hệ thống thông tin cấp độ 3");
        }
    }

    @Test
    void externalResourcesAreNeverFetched() throws IOException {
        // An <img> pointing at a server must not be requested (no SSRF from a template); the page still renders.
        byte[] pdf = renderer.render("""
                <html><body><p>Ảnh</p><img src="http://127.0.0.1:9/secret.png"/></body></html>""");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(doc)).contains("Ảnh");
            assertThat(doc.getPage(0).getResources().getXObjectNames()).isEmpty();
        }
    }

    @Test
    void malformedXhtmlIsRefusedClearly() {
        assertThatThrownBy(() -> renderer.render("<html><body><p>không đóng thẻ</body>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static List<PDFont> fonts(PDDocument doc) throws IOException {
        List<PDFont> fonts = new ArrayList<>();
        for (PDPage page : doc.getPages()) {
            for (COSName name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
        }
        return fonts;
    }
}
