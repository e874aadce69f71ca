package vn.attthub.document;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Serves a file as a download that a browser never renders in the platform's origin: {@code Content-Disposition:
 * attachment} with an ASCII fallback name and the exact UTF-8 name as RFC 5987/6266 {@code filename*},
 * {@code X-Content-Type-Options: nosniff}, the detected media type, and {@code Cache-Control: private, no-store}.
 * Any module's controller may return these.
 */
public final class FileResponses {
    private FileResponses() {
    }

    public static ResponseEntity<Resource> attachment(String fileName, String mediaType, byte[] content) {
        return attachment(fileName, mediaType, content.length, new ByteArrayResource(content), null);
    }

    /**
     * @param sha256 when given, sent as a strong ETag
     */
    public static ResponseEntity<Resource> attachment(String fileName, String mediaType, long length, Resource body,
                                                      String sha256) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(fileName))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .cacheControl(CacheControl.noStore().cachePrivate())
                .contentType(MediaType.parseMediaType(mediaType))
                .contentLength(length);
        if (sha256 != null) {
            response.eTag("\"" + sha256 + "\"");
        }
        return response.body(body);
    }

    /** {@code attachment; filename="ascii"; filename*=UTF-8''percent-encoded}. */
    public static String contentDisposition(String fileName) {
        String name = FileTypes.sanitiseName(fileName);
        return "attachment; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + rfc5987(name);
    }

    static String asciiFallback(String name) {
        String folded = Normalizer.normalize(name.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        StringBuilder b = new StringBuilder();
        for (char c : folded.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        return b.toString();
    }

    static String rfc5987(String name) {
        // URLEncoder is form encoding: spaces become '+', and it leaves "*" alone; RFC 5987 attr-char excludes both.
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }
}
