package vn.attthub.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import vn.attthub.IntegrationTest;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class StoredFilesIntegrationTests {
    @Autowired
    StoredFiles files;
    @Autowired
    PdfRenderer renderer;
    @Autowired
    TransactionTemplate tx;

    @Test
    void aFileIsStoredUnderARandomIdWithItsHashAndDetectedType() throws Exception {
        byte[] pdf = TestFiles.pdf("Thuyết minh hệ thống");
        StoredFile stored = files.store(new ByteArrayInputStream(pdf), "../Thuyết minh.pdf", "application/octet-stream",
                MediaTypes.DOCUMENTS, 1024 * 1024);

        assertThat(stored.originalName()).isEqualTo("Thuyết minh.pdf");
        assertThat(stored.mediaType()).isEqualTo(MediaTypes.PDF);
        assertThat(stored.size()).isEqualTo(pdf.length);
        assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)));
        assertThat(files.find(stored.id())).contains(stored);
        try (InputStream in = files.open(stored.id())) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        assertThat(storedPaths()).anySatisfy(p -> assertThat(p.getFileName().toString()).isEqualTo(stored.id().toString()))
                .noneSatisfy(p -> assertThat(p.getFileName().toString()).contains("Thuy"));
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedWith413AndLeavesNothingBehind() throws IOException {
        long before = storedPaths().count();
        byte[] big = new byte[300 * 1024];
        assertThatThrownBy(() -> files.store(new ByteArrayInputStream(big), "lon.pdf", "application/pdf",
                MediaTypes.DOCUMENTS, 200 * 1024))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.getMessage()).contains("200 KB");
                });
        assertThat(storedPaths().count()).isEqualTo(before);
    }

    @Test
    void aTypeMismatchOrATypeNotAllowedHereIsRefusedWith415() throws IOException {
        long before = storedPaths().count();
        assertThatThrownBy(() -> files.store(new ByteArrayInputStream("<script>x</script>".getBytes()), "bao-cao.pdf",
                "application/pdf", MediaTypes.DOCUMENTS, 1024))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.status()).isEqualTo(415));
        assertThatThrownBy(() -> files.store(new ByteArrayInputStream(TestFiles.image("png")), "anh.png", "image/png",
                Set.of(MediaTypes.PDF), 1024 * 1024))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.status()).isEqualTo(415);
                    assertThat(e.getMessage()).contains("image/png");
                });
        assertThat(storedPaths().count()).isEqualTo(before);
    }

    @Test
    void aFileStoredInATransactionThatRollsBackIsDeleted() throws IOException {
        UUID[] id = new UUID[1];
        tx.executeWithoutResult(status -> {
            id[0] = files.store(new ByteArrayInputStream("a,b\n".getBytes()), "x.csv", "text/csv", MediaTypes.TABLES,
                    100).id();
            status.setRollbackOnly();
        });
        assertThat(files.find(id[0])).isEmpty();
        assertThat(storedPaths()).noneSatisfy(p -> assertThat(p.getFileName().toString()).isEqualTo(id[0].toString()));
        assertThatThrownBy(() -> files.open(id[0])).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aStoredFileIsServedAsASafeAttachment() throws IOException {
        StoredFile stored = files.store(TestFiles.xlsx(), "Danh mục hệ thống.xlsx", MediaTypes.XLSX);
        ResponseEntity<Resource> response = files.asAttachment(stored.id());
        HttpHeaders h = response.getHeaders();
        assertThat(h.getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment; filename=\"Danh muc he thong.xlsx\"")
                .contains("filename*=UTF-8''Danh%20m%E1%BB%A5c%20h%E1%BB%87%20th%E1%BB%91ng.xlsx");
        assertThat(h.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(h.getContentType()).hasToString(MediaTypes.XLSX);
        assertThat(h.getETag()).isEqualTo("\"" + stored.sha256() + "\"");
        try (InputStream in = response.getBody().getInputStream()) {
            assertThat(in.readAllBytes()).hasSize((int) stored.size()).startsWith('P', 'K', 3, 4);
        }
    }

    @Test
    void aThymeleafTemplateIsRenderedToAVietnamesePdf() throws IOException {
        byte[] pdf = renderer.renderTemplate("test-vietnamese",
                Map.of("title", PdfRendererTests.TITLE, "body", PdfRendererTests.TRICKY + " <b>&</b>"),
                Locale.forLanguageTag("vi"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(PdfRendererTests.fonts(doc)).allSatisfy(f -> assertThat(f.isEmbedded()).isTrue());
            // Markup in the model is text, escaped by Thymeleaf, not markup of the document.
            assertThat(new PDFTextStripper().getText(doc).replaceAll("\\s+", " "))
                    .contains(PdfRendererTests.TITLE + " " + PdfRendererTests.TRICKY + " <b>&</b>");
        }
    }

    private Stream<Path> storedPaths() throws IOException {
        Path root = (Path) org.springframework.test.util.ReflectionTestUtils.getField(files, "root");
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).toList().stream();
        }
    }
}
