package vn.attthub.document;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders XHTML to PDF (openhtmltopdf on PDFBox 3) with the DejaVu fonts embedded (subsets), which cover every
 * Vietnamese letter (U+1EA0–U+1EF9, Đđ Ơơ Ưư). Families available to templates: {@code "DejaVu Serif"} (the
 * default for official documents), {@code "DejaVu Sans"}, {@code "DejaVu Sans Mono"}. No external resource
 * (image, stylesheet, font) is ever fetched: templates are self-contained. The generic families
 * ({@code serif}, {@code sans-serif}, {@code monospace}) and Times New Roman / Arial / Courier New map to them.
 */
@Component
public class PdfRenderer {
    private static final String FONTS = "/net/sf/jasperreports/fonts/dejavu/";

    private record Face(String family, String file, int weight, FontStyle style) {
    }

    private static final List<Face> FACES = List.of(
            new Face("DejaVu Serif", "DejaVuSerif.ttf", 400, FontStyle.NORMAL),
            new Face("DejaVu Serif", "DejaVuSerif-Bold.ttf", 700, FontStyle.NORMAL),
            new Face("DejaVu Serif", "DejaVuSerif-Italic.ttf", 400, FontStyle.ITALIC),
            new Face("DejaVu Serif", "DejaVuSerif-BoldItalic.ttf", 700, FontStyle.ITALIC),
            new Face("DejaVu Sans", "DejaVuSans.ttf", 400, FontStyle.NORMAL),
            new Face("DejaVu Sans", "DejaVuSans-Bold.ttf", 700, FontStyle.NORMAL),
            new Face("DejaVu Sans", "DejaVuSans-Oblique.ttf", 400, FontStyle.ITALIC),
            new Face("DejaVu Sans", "DejaVuSans-BoldOblique.ttf", 700, FontStyle.ITALIC),
            new Face("DejaVu Sans Mono", "DejaVuSansMono.ttf", 400, FontStyle.NORMAL),
            new Face("DejaVu Sans Mono", "DejaVuSansMono-Bold.ttf", 700, FontStyle.NORMAL));

    private final ITemplateEngine templates;
    private final Map<String, byte[]> fontBytes;

    PdfRenderer(ITemplateEngine templates) {
        this.templates = templates;
        this.fontBytes = new java.util.HashMap<>();
        for (Face face : FACES) {
            fontBytes.put(face.file(), load(face.file()));
        }
    }

    /**
     * Renders well-formed XHTML (one {@code <html>} root; only XML entities; CSS inline in {@code <style>}).
     *
     * @throws IllegalArgumentException when the document cannot be parsed
     */
    public byte[] render(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withProducer("ATTT Hub");
        builder.useExternalResourceAccessControl((uri, type) -> false,
                ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.useExternalResourceAccessControl((uri, type) -> false,
                ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        for (Face face : FACES) {
            byte[] bytes = fontBytes.get(face.file());
            for (String family : aliases(face.family())) {
                builder.useFont(() -> new ByteArrayInputStream(bytes), family, face.weight(), face.style(), true);
            }
        }
        builder.withHtmlContent(xhtml, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("PDF rendering failed", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("PDF rendering failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Renders the Thymeleaf template {@code templates/pdf/<template>.html} (written as XHTML) with {@code model}
     * in {@code locale} (messages of the app's bundles are available with {@code #{...}}).
     */
    public byte[] renderTemplate(String template, Map<String, Object> model, Locale locale) {
        Context context = new Context(locale, model);
        return render(templates.process("pdf/" + template, context));
    }

    /**
     * The generic CSS families (and the usual Office names) map to DejaVu too, so that text without a
     * font-family, or with "Times New Roman", never falls back to a PDF base font without Vietnamese glyphs.
     */
    private static List<String> aliases(String family) {
        return switch (family) {
            case "DejaVu Serif" -> List.of(family, "serif", "Times New Roman", "Times");
            case "DejaVu Sans" -> List.of(family, "sans-serif", "Arial", "Helvetica");
            default -> List.of(family, "monospace", "Courier New", "Courier");
        };
    }

    private static byte[] load(String file) {
        try (InputStream in = PdfRenderer.class.getResourceAsStream(FONTS + file)) {
            if (in == null) {
                throw new IllegalStateException("font " + file + " missing: net.sf.jasperreports:jasperreports-fonts");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
