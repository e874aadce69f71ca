package vn.attthub.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that encrypts secrets at rest (TOTP secrets, agencies' signing keys). In order of preference:
 * <ol>
 *   <li>{@code attt.security.secret-key} ({@code ATTT_SECRET_KEY}): 32 bytes in Base64 ({@code openssl rand -base64 32});
 *       any other text is stretched with SHA-256 (accepted, but a random key is better). Every instance of a
 *       cluster must use the same value.</li>
 *   <li>otherwise the file {@code attt.security.secret-key-file} (default {@code ./data/secret.key}), created with
 *       permissions 600 on first start: right for a single instance on its embedded database;</li>
 *   <li>a throw-away database (tests: empty {@code attt.embedded-database.directory}) gets a throw-away key.</li>
 * </ol>
 * Losing the key means every user with MFA must enrol again (an administrator disables their MFA), and every
 * agency's signing key must be imported again.
 */
@Configuration(proxyBeanMethods = false)
class SecretKeyConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecretKeyConfiguration.class);

    @Bean
    SecretBox secretBox(Environment env) {
        return new SecretBox(resolveKey(env));
    }

    static byte[] resolveKey(Environment env) {
        String configured = env.getProperty("attt.security.secret-key", "");
        if (StringUtils.hasText(configured)) {
            return fromText(configured.trim());
        }
        boolean external = StringUtils.hasText(env.getProperty("spring.datasource.url"));
        boolean throwAway = !external && !StringUtils.hasText(env.getProperty("attt.embedded-database.directory"));
        if (throwAway) {
            log.info("Secret key: generated for this run only (throw-away embedded database)");
            return random();
        }
        Path file = Path.of(env.getProperty("attt.security.secret-key-file", "./data/secret.key"))
                .toAbsolutePath().normalize();
        if (external) {
            log.warn("Secret key: ATTT_SECRET_KEY is not set; using the key file {}. With several instances, set "
                    + "ATTT_SECRET_KEY to the same value everywhere.", file);
        }
        return fromFile(file);
    }

    static byte[] fromText(String text) {
        try {
            byte[] decoded = Base64.getDecoder().decode(text);
            if (decoded.length == 32) {
                return decoded;
            }
        } catch (IllegalArgumentException notBase64) {
            // stretched below
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return fromText(Files.readString(file, StandardCharsets.US_ASCII).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] key = random();
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.info("Secret key: generated and stored in {} (permissions 600); back it up with the database", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key file " + file, e);
        }
    }

    private static byte[] random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
