package vn.attthub.document;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.StringUtils;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Stores uploaded and generated files outside the web root, in {@code attt.storage.directory} (default
 * {@code ./data/files}; empty: a throw-away temporary directory, as in tests). Each file is streamed to disk
 * while its SHA-256 is computed and its size limited, its real type is detected from its content and must agree
 * with its name and declared type, and it is kept under a random id: the user's file name is only metadata.
 *
 * <p>When called inside a transaction, a file whose transaction rolls back is deleted again.
 */
@Component
public class StoredFiles {
    private static final Logger log = LoggerFactory.getLogger(StoredFiles.class);
    private final JdbcClient jdbc;
    private final Path root;
    private final boolean throwAway;

    StoredFiles(JdbcClient jdbc, @Value("${attt.storage.directory:./data/files}") String directory) {
        this.jdbc = jdbc;
        try {
            this.throwAway = !StringUtils.hasText(directory);
            if (!throwAway) {
                this.root = Files.createDirectories(Path.of(directory).toAbsolutePath().normalize());
            } else {
                this.root = Files.createTempDirectory("attt-files-");
                log.info("File storage: throw-away directory {}", root);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the file storage directory " + directory, e);
        }
    }

    /** A throw-away directory (no storage directory configured, as in tests) goes with the application. */
    @jakarta.annotation.PreDestroy
    void discardThrowAway() throws IOException {
        if (throwAway) org.springframework.util.FileSystemUtils.deleteRecursively(root);
    }

    /**
     * Stores {@code content} (read to its end, at most {@code maxBytes}; the caller closes it).
     *
     * @param originalName      the user's file name: sanitised, kept as metadata and for downloads
     * @param declaredMediaType the client's Content-Type (may be null or application/octet-stream)
     * @param allowedMediaTypes the {@link MediaTypes} acceptable here
     * @throws InvalidInputException 413 when larger than {@code maxBytes}, 415 when the type is not recognised,
     *                               not allowed, or does not match the name or declared type; 400 when empty.
     *                               Field {@code file}. Nothing is kept then.
     */
    public StoredFile store(InputStream content, String originalName, String declaredMediaType,
                            Set<String> allowedMediaTypes, long maxBytes) {
        String name = FileTypes.sanitiseName(originalName);
        UUID id = UUID.randomUUID();
        Path target = pathOf(id);
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), ".upload-", ".part");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size = copyLimited(new DigestInputStream(content, sha256), temp, maxBytes);
            if (size == 0) {
                throw InvalidInputException.field("file", "Tệp rỗng (the file is empty).");
            }
            String mediaType = FileTypes.decide(temp, name, declaredMediaType);
            if (!allowedMediaTypes.contains(mediaType)) {
                throw FileTypes.unsupported("Loại tệp " + mediaType + " không được chấp nhận ở đây (file type not "
                        + "accepted here).");
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            StoredFile stored = new StoredFile(id, name, mediaType, size,
                    HexFormat.of().formatHex(sha256.digest()), Instant.now().truncatedTo(ChronoUnit.MICROS));
            jdbc.sql("""
                    INSERT INTO stored_file (id, original_name, media_type, size_bytes, sha256, stored_at)
                    VALUES (:id, :name, :type, :size, :sha, :at)""")
                    .param("id", id).param("name", name).param("type", mediaType).param("size", size)
                    .param("sha", stored.sha256()).param("at", Timestamp.from(stored.storedAt()))
                    .update();
            deleteOnRollback(target);
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the file", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /** Stores bytes the platform generated itself (a rendered or signed PDF): same checks, no size limit. */
    public StoredFile store(byte[] content, String name, String mediaType) {
        return store(new java.io.ByteArrayInputStream(content), name, mediaType, Set.of(mediaType),
                Math.max(1, content.length));
    }

    /** The file's content; the caller closes the stream. */
    public InputStream open(UUID id) {
        find(id).orElseThrow(() -> new NotFoundException("file", id));
        try {
            return Files.newInputStream(pathOf(id));
        } catch (IOException e) {
            throw new UncheckedIOException("stored file " + id + " is missing from " + root, e);
        }
    }

    public Optional<StoredFile> find(UUID id) {
        return jdbc.sql("""
                SELECT id, original_name, media_type, size_bytes, sha256, stored_at FROM stored_file WHERE id = :id""")
                .param("id", id)
                .query((rs, i) -> new StoredFile(rs.getObject("id", UUID.class), rs.getString("original_name"),
                        rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                        rs.getTimestamp("stored_at").toInstant()))
                .optional();
    }

    /**
     * A download of a stored file as an attachment (see {@link FileResponses}). The caller has already checked
     * that the user may see it. 404 when unknown.
     */
    public ResponseEntity<Resource> asAttachment(UUID id) {
        StoredFile file = find(id).orElseThrow(() -> new NotFoundException("file", id));
        return FileResponses.attachment(file.originalName(), file.mediaType(), file.size(),
                new org.springframework.core.io.FileSystemResource(pathOf(id)), file.sha256());
    }

    private static long copyLimited(InputStream in, Path temp, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(temp)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw new InvalidInputException(413, tooLarge(maxBytes),
                            List.of(new InvalidInputException.FieldError("file", tooLarge(maxBytes))));
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static String tooLarge(long maxBytes) {
        String limit = maxBytes >= 1024 * 1024 ? (maxBytes / (1024 * 1024)) + " MB"
                : maxBytes >= 1024 ? (maxBytes / 1024) + " KB" : maxBytes + " byte";
        return "Tệp vượt quá dung lượng cho phép " + limit + " (file larger than " + limit + ").";
    }

    private Path pathOf(UUID id) {
        String s = id.toString();
        return root.resolve(s.substring(0, 2)).resolve(s);
    }

    private static void deleteOnRollback(Path file) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_ROLLED_BACK) {
                        deleteQuietly(file);
                    }
                }
            });
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete {}", file, e);
        }
    }
}
