package vn.attthub.document;

import vn.attthub.shared.InvalidInputException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads one private key and its certificate chain from a PKCS#12 (.p12/.pfx) file and checks that they can sign:
 * the key matches the certificate, the certificate is valid now and allows digital signatures. The password is
 * used only here and is never logged, stored or put in a message.
 */
final class Pkcs12 {
    record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {
    }

    private Pkcs12() {
    }

    static KeyAndChain read(byte[] file, char[] password, Instant now) {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(file), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw invalid("password", "Mật khẩu của tệp PKCS#12 không đúng (wrong PKCS#12 password).");
            }
            throw invalid("file", "Tệp không phải PKCS#12 (.p12/.pfx) hợp lệ (not a valid PKCS#12 file).");
        } catch (GeneralSecurityException e) {
            throw invalid("file", "Không đọc được tệp PKCS#12 (cannot read the PKCS#12 file).");
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.isEmpty()) {
                throw invalid("file", "Tệp PKCS#12 không chứa khóa bí mật (no private key in the file).");
            }
            if (keyAliases.size() > 1) {
                throw invalid("file", "Tệp PKCS#12 chứa nhiều khóa; hãy xuất riêng một khóa ký "
                        + "(the file holds several keys; export only the signing key).");
            }
            String alias = keyAliases.get(0);
            Key key = store.getKey(alias, password);
            Certificate[] chain = store.getCertificateChain(alias);
            if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0
                    || !(chain[0] instanceof X509Certificate)) {
                throw invalid("file", "Tệp PKCS#12 không có chứng thư số đi kèm khóa (no certificate for the key).");
            }
            List<X509Certificate> certificates = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
            check(privateKey, certificates.get(0), now);
            return new KeyAndChain(privateKey, certificates);
        } catch (UnrecoverableKeyException e) {
            throw invalid("password", "Mật khẩu của khóa không đúng (wrong key password).");
        } catch (GeneralSecurityException e) {
            throw invalid("file", "Không đọc được khóa trong tệp PKCS#12 (cannot read the key).");
        }
    }

    static void check(PrivateKey key, X509Certificate certificate, Instant now) {
        if (!key.getAlgorithm().equals("RSA") && !key.getAlgorithm().equals("EC")) {
            throw invalid("file", "Chỉ hỗ trợ khóa RSA hoặc EC (only RSA or EC keys), không hỗ trợ "
                    + key.getAlgorithm() + ".");
        }
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw invalid("file", "Chứng thư số đã hết hạn (the certificate has expired).");
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw invalid("file", "Chứng thư số chưa có hiệu lực (the certificate is not valid yet).");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !usage[0] && !usage[1]) {
            throw invalid("file", "Chứng thư số không cho phép ký số (key usage lacks digitalSignature and "
                    + "nonRepudiation).");
        }
        try {
            String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            byte[] probe = "ATTT Hub key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new GeneralSecurityException("mismatch");
            }
        } catch (GeneralSecurityException e) {
            throw invalid("file", "Khóa bí mật không khớp với chứng thư số (the key does not match the certificate).");
        }
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException(422, message, List.of(new InvalidInputException.FieldError(field, message)));
    }
}
