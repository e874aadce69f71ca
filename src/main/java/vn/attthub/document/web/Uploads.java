package vn.attthub.document.web;

import org.springframework.web.multipart.MultipartFile;
import vn.attthub.shared.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads an upload into memory with a size limit (413) and refuses an empty or missing one (400). */
final class Uploads {
    static final int MAX_PDF = 20 * 1024 * 1024;
    static final int MAX_PKCS12 = 64 * 1024;

    private Uploads() {
    }

    static byte[] read(MultipartFile file, int limit) {
        if (file == null || file.isEmpty()) {
            throw InvalidInputException.field("file", "Hãy chọn một tệp (a file is required).");
        }
        try (InputStream in = file.getInputStream()) {
            return read(in, limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            String message = "Tệp vượt quá " + (limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MB"
                    : limit / 1024 + " KB") + " (file too large).";
            throw new InvalidInputException(413, message, List.of(new InvalidInputException.FieldError("file", message)));
        }
        if (bytes.length == 0) {
            throw InvalidInputException.field("file", "Tệp rỗng (the file is empty).");
        }
        return bytes;
    }
}
