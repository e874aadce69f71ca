package vn.attthub.shared;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts small secrets at rest (TOTP shared secrets, agencies' signing keys) with AES-256-GCM: a random 96-bit nonce per value, the
 * 128-bit tag authenticates it, and a purpose string is bound as associated data so that a value cannot be
 * moved to another column or user. Stored form: {@code v1:<base64(nonce || ciphertext+tag)>}.
 */
public final class SecretBox {
    private static final String VERSION = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKey key;

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 key must be 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** Encrypts {@code plaintext}; {@code purpose} (e.g. "totp:<user id>") must be given again to open it. */
    public String seal(String plaintext, String purpose) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decrypts what {@link #seal} produced for the same purpose; throws when the key or purpose differs. */
    public String open(String stored, String purpose) {
        if (stored == null || !stored.startsWith(VERSION)) {
            throw new IllegalArgumentException("unknown secret format");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret cannot be decrypted: wrong ATTT_SECRET_KEY?", e);
        }
    }
}
