package vn.attthub.document;

import vn.attthub.shared.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Decides a file's media type from its content (magic bytes, the entries of an OOXML zip, strict UTF-8 for text)
 * and refuses a file whose name extension or declared type says something else: a ".pdf" that is really a
 * script, or a "image/png" that is a zip, never gets stored.
 */
final class FileTypes {
    private static final int MAX_NAME = 200;
    /** Types a client may declare that say nothing about the content. */
    private static final Set<String> UNSPECIFIC = Set.of("", "application/octet-stream", "binary/octet-stream",
            "application/unknown", "application/x-download");
    /** Other names clients (browsers, curl, Windows) use for our types. */
    private static final Map<String, Set<String>> ALIASES = Map.of(
            MediaTypes.PDF, Set.of("application/x-pdf", "application/acrobat"),
            MediaTypes.JPEG, Set.of("image/jpg", "image/pjpeg"),
            MediaTypes.CSV, Set.of("application/csv", "text/x-csv", "text/comma-separated-values",
                    "application/vnd.ms-excel", MediaTypes.TEXT),
            MediaTypes.JSON, Set.of("text/json", MediaTypes.TEXT),
            MediaTypes.XLSX, Set.of("application/vnd.ms-excel", "application/zip", "application/x-zip-compressed"),
            MediaTypes.DOCX, Set.of("application/msword", "application/zip", "application/x-zip-compressed"));

    private enum Kind { PDF, PNG, JPEG, DOCX, XLSX, TEXT }

    private FileTypes() {
    }

    /** The media type of the stored bytes at {@code file}, checked against its name and the declared type. */
    static String decide(Path file, String name, String declared) {
        Kind kind = sniff(file);
        String extension = extension(name);
        String byExtension = MediaTypes.ofExtension(extension);
        if (extension != null && byExtension == null) {
            throw unsupported("Phần mở rộng tệp \"." + extension + "\" không được chấp nhận "
                    + "(file extension not accepted).");
        }
        String declaredType = normalise(declared);
        String type = switch (kind) {
            case PDF -> MediaTypes.PDF;
            case PNG -> MediaTypes.PNG;
            case JPEG -> MediaTypes.JPEG;
            case DOCX -> MediaTypes.DOCX;
            case XLSX -> MediaTypes.XLSX;
            case TEXT -> textType(file, byExtension != null ? byExtension : specific(declaredType));
        };
        if (byExtension != null && !byExtension.equals(type)) {
            throw mismatch("tên tệp có đuôi \"." + extension + "\" nhưng nội dung là " + describe(type)
                    + " (the name's extension does not match the content)");
        }
        if (!compatible(declaredType, type)) {
            throw mismatch("loại khai báo \"" + declaredType + "\" nhưng nội dung là " + describe(type)
                    + " (declared type does not match the content)");
        }
        return type;
    }

    private static String textType(Path file, String hint) {
        if (hint == null) {
            return looksLikeJson(file) ? MediaTypes.JSON : MediaTypes.TEXT;
        }
        return switch (hint) {
            case MediaTypes.CSV -> MediaTypes.CSV;
            case MediaTypes.TEXT -> MediaTypes.TEXT;
            case MediaTypes.JSON -> {
                if (!looksLikeJson(file)) {
                    throw mismatch("tệp JSON phải bắt đầu bằng { hoặc [ (a JSON file must start with { or [)");
                }
                yield MediaTypes.JSON;
            }
            default -> throw mismatch("nội dung là văn bản thuần nhưng tệp được khai báo là " + describe(hint)
                    + " (plain text content)");
        };
    }

    private static boolean compatible(String declared, String type) {
        return declared == null || declared.equals(type) || ALIASES.getOrDefault(type, Set.of()).contains(declared);
    }

    private static String specific(String declared) {
        if (declared == null) {
            return null;
        }
        for (String type : MediaTypes.EXTENSIONS.keySet()) {
            if (type.equals(declared)) {
                return type;
            }
        }
        if (ALIASES.get(MediaTypes.CSV).contains(declared) && !declared.equals(MediaTypes.TEXT)
                && !declared.equals("application/vnd.ms-excel")) {
            return MediaTypes.CSV;
        }
        return declared.equals("text/json") ? MediaTypes.JSON : null;
    }

    static String normalise(String declared) {
        if (declared == null) {
            return null;
        }
        String type = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return UNSPECIFIC.contains(type) ? null : type;
    }

    private static Kind sniff(Path file) {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n >= 5 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F' && head[4] == '-') {
            return Kind.PDF;
        }
        if (n == 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
            return Kind.PNG;
        }
        if (n >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Kind.JPEG;
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return office(file);
        }
        if (isText(file)) {
            return Kind.TEXT;
        }
        throw unsupported("Không nhận ra loại tệp; chỉ nhận PDF, DOCX, XLSX, PNG, JPEG, văn bản, CSV, JSON "
                + "(unrecognised file type).");
    }

    private static Kind office(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("[Content_Types].xml") != null) {
                if (zip.getEntry("word/document.xml") != null) {
                    return Kind.DOCX;
                }
                if (zip.getEntry("xl/workbook.xml") != null) {
                    return Kind.XLSX;
                }
            }
        } catch (ZipException e) {
            throw unsupported("Tệp nén bị hỏng (corrupt zip/OOXML file).");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw unsupported("Tệp nén không phải tài liệu Word (DOCX) hay Excel (XLSX) (zip is not DOCX/XLSX).");
    }

    /** Strict UTF-8 (a BOM allowed), and no control characters other than tab, line breaks and form feed. */
    private static boolean isText(Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file)) {
            ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
            CharBuffer chars = CharBuffer.allocate(64 * 1024);
            byte[] chunk = new byte[32 * 1024];
            int n;
            boolean any = false;
            while ((n = in.read(chunk)) >= 0) {
                bytes.put(chunk, 0, n);
                bytes.flip();
                if (decoder.decode(bytes, chars, false).isError()) {
                    return false;
                }
                bytes.compact();
                if (!plain(chars)) {
                    return false;
                }
                any |= n > 0;
            }
            bytes.flip();
            if (decoder.decode(bytes, chars, true).isError() || decoder.flush(chars).isError()) {
                return false;
            }
            return plain(chars) && any;
        } catch (CharacterCodingException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean plain(CharBuffer chars) {
        chars.flip();
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F) {
                return false;
            }
        }
        chars.clear();
        return true;
    }

    private static boolean looksLikeJson(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            int c;
            while ((c = in.read()) >= 0) {
                if (c == 0xEF || c == 0xBB || c == 0xBF || Character.isWhitespace(c)) {
                    continue;
                }
                return c == '{' || c == '[';
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A file name safe to show and to send back in Content-Disposition: the last path segment only, NFC,
     * without control or reserved characters ({@code <>:"/\|?*}), no leading dots, at most 200 characters
     * (the extension kept). Vietnamese letters are kept.
     */
    static String sanitiseName(String name) {
        String n = name == null ? "" : name;
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        n = Normalizer.normalize(n, Normalizer.Form.NFC);
        StringBuilder b = new StringBuilder();
        n.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || "<>:\"/\\|?*".indexOf(cp) >= 0
                    || Character.getType(cp) == Character.FORMAT) {
                b.append('_');
            } else {
                b.appendCodePoint(Character.isWhitespace(cp) ? ' ' : cp);
            }
        });
        n = b.toString().replaceAll(" {2,}", " ").strip();
        while (n.startsWith(".")) {
            n = n.substring(1);
        }
        n = n.strip();
        if (n.length() > MAX_NAME) {
            String ext = extension(n);
            String tail = ext == null || ext.length() > 10 ? "" : "." + ext;
            n = n.substring(0, MAX_NAME - tail.length()).strip() + tail;
        }
        return n.isEmpty() ? "tep" : n;
    }

    static String extension(String name) {
        if (name == null) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? null : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String describe(String type) {
        return switch (type) {
            case MediaTypes.PDF -> "PDF";
            case MediaTypes.DOCX -> "Word (DOCX)";
            case MediaTypes.XLSX -> "Excel (XLSX)";
            case MediaTypes.PNG -> "ảnh PNG";
            case MediaTypes.JPEG -> "ảnh JPEG";
            case MediaTypes.CSV -> "CSV";
            case MediaTypes.JSON -> "JSON";
            case MediaTypes.TEXT -> "văn bản thuần";
            default -> type;
        };
    }

    static InvalidInputException unsupported(String message) {
        return new InvalidInputException(415, message, java.util.List.of(
                new InvalidInputException.FieldError("file", message)));
    }

    private static InvalidInputException mismatch(String detail) {
        return unsupported("Loại tệp không khớp với nội dung: " + detail + ".");
    }
}
