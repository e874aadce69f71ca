package vn.attthub.document;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.attthub.shared.InvalidInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileTypesTests {
    @TempDir
    Path dir;

    private String decide(byte[] content, String name, String declared) throws IOException {
        Path file = Files.write(dir.resolve("f"), content);
        return FileTypes.decide(file, name, declared);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void realTypesAreDetectedFromContent() throws IOException {
        assertThat(decide(TestFiles.pdf("x"), "Quyết định.pdf", "application/pdf")).isEqualTo(MediaTypes.PDF);
        assertThat(decide(TestFiles.xlsx(), "danh-muc.xlsx", "application/octet-stream")).isEqualTo(MediaTypes.XLSX);
        assertThat(decide(TestFiles.docx(), "thuyet-minh.docx", null)).isEqualTo(MediaTypes.DOCX);
        assertThat(decide(TestFiles.image("png"), "so-do.png", "image/png")).isEqualTo(MediaTypes.PNG);
        assertThat(decide(TestFiles.image("jpg"), "anh.jpg", "image/jpeg")).isEqualTo(MediaTypes.JPEG);
        assertThat(decide(utf8("mã,tên\nA,Ủy ban\n"), "he-thong.csv", "application/vnd.ms-excel"))
                .isEqualTo(MediaTypes.CSV);
        assertThat(decide(utf8("{\"bomFormat\":\"CycloneDX\"}"), "sbom.json", "application/json"))
                .isEqualTo(MediaTypes.JSON);
        assertThat(decide(utf8("  [1,2]"), "noname", null)).isEqualTo(MediaTypes.JSON);
        assertThat(decide(utf8("ghi chú\tđơn giản\r\n"), "ghi-chu.txt", "text/plain")).isEqualTo(MediaTypes.TEXT);
    }

    @Test
    void aMismatchBetweenNameOrDeclaredTypeAndContentIsRefused() {
        assertRefused(() -> decide(utf8("#!/bin/sh\nrm -rf /\n"), "quyet-dinh.pdf", "application/pdf"), "PDF");
        assertRefused(() -> decide(TestFiles.pdf("x"), "anh.png", "image/png"), ".png");
        assertRefused(() -> decide(TestFiles.image("png"), "anh", "image/jpeg"), "image/jpeg");
        assertRefused(() -> decide(TestFiles.xlsx(), "bang.docx", null), ".docx");
        assertRefused(() -> decide(utf8("<html><script>alert(1)</script></html>"), "trang.html", "text/html"),
                ".html");
        assertRefused(() -> decide(utf8("<html></html>"), "trang", "text/html"), "text/html");
        assertRefused(() -> decide(utf8("không phải json"), "x.json", null), "JSON");
    }

    @Test
    void unknownOrBinaryContentIsRefused() {
        assertRefused(() -> decide(new byte[]{0x4D, 0x5A, (byte) 0x90, 0, 3, 0, 0, 0}, "setup.txt", null),
                "Không nhận ra");
        assertRefused(() -> decide(TestFiles.zip("a.txt", "x"), "a.docx", null), "DOCX");
        assertRefused(() -> decide(new byte[]{(byte) 0xC3, 0x28}, "x.txt", null), "Không nhận ra");
    }

    @Test
    void namesAreSanitised() {
        assertThat(FileTypes.sanitiseName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileTypes.sanitiseName("C:\\Users\\a\\Hồ sơ đề xuất.pdf")).isEqualTo("Hồ sơ đề xuất.pdf");
        assertThat(FileTypes.sanitiseName("..hidden")).isEqualTo("hidden");
        assertThat(FileTypes.sanitiseName("a\u0000b\r\n<c>.pdf")).isEqualTo("a_b___c_.pdf");
        assertThat(FileTypes.sanitiseName("Quye\u0302\u0301t.pdf")).isEqualTo("Quyết.pdf");
        assertThat(FileTypes.sanitiseName("")).isEqualTo("tep");
        assertThat(FileTypes.sanitiseName("x".repeat(300) + ".pdf")).hasSize(200).endsWith(".pdf");
    }

    @Test
    void contentDispositionCarriesAnAsciiFallbackAndTheExactUtf8Name() {
        assertThat(FileResponses.contentDisposition("Quyết định \"số 1\" 100%.pdf")).isEqualTo(
                "attachment; filename=\"Quyet dinh _so 1_ 100_.pdf\"; "
                        + "filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20_s%E1%BB%91%201_%20100%25.pdf");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String mentions) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.status()).isEqualTo(415);
            assertThat(e.getMessage()).contains(mentions);
            assertThat(e.errors()).extracting(InvalidInputException.FieldError::field).containsExactly("file");
        });
    }
}
