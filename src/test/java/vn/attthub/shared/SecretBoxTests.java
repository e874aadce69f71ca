package vn.attthub.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTests {
    @Test
    void sealsWithAFreshNonceAndOpensOnlyForTheSamePurposeAndKey() {
        SecretBox box = new SecretBox(SecretKeyConfiguration.fromText("a passphrase"));
        String sealed = box.seal("JBSWY3DPEHPK3PXP", "totp:1");
        assertThat(sealed).startsWith("v1:").doesNotContain("JBSWY3DPEHPK3PXP");
        assertThat(box.seal("JBSWY3DPEHPK3PXP", "totp:1")).isNotEqualTo(sealed);
        assertThat(box.open(sealed, "totp:1")).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThatThrownBy(() -> box.open(sealed, "totp:2")).isInstanceOf(IllegalStateException.class);
        SecretBox other = new SecretBox(SecretKeyConfiguration.fromText("another passphrase"));
        assertThatThrownBy(() -> other.open(sealed, "totp:1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keyFileIsCreatedOwnerOnlyAndReusedOnNextStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/secret.key");
        byte[] first = SecretKeyConfiguration.fromFile(file);
        assertThat(first).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SecretKeyConfiguration.fromFile(file)).isEqualTo(first);
    }

    @Test
    void aBase64KeyIsUsedAsIs() {
        byte[] key = new byte[32];
        key[0] = 7;
        assertThat(SecretKeyConfiguration.fromText(java.util.Base64.getEncoder().encodeToString(key))).isEqualTo(key);
    }
}
