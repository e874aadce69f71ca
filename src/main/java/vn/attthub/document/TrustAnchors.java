package vn.attthub.document;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The certificates a signature must chain to: those in the PEM files listed in {@code attt.signatures.trust-anchors}
 * (comma-separated paths, e.g. the national root CA of the Government Cipher Committee's CA and of licensed
 * public CAs), plus the demo CA of this database when it has one ({@link DemoCertificateAuthority}).
 */
@Component
class TrustAnchors {
    private final List<X509Certificate> configured;
    private final DemoCertificateAuthority demo;

    TrustAnchors(@Value("${attt.signatures.trust-anchors:}") List<String> files, DemoCertificateAuthority demo) {
        this.demo = demo;
        List<X509Certificate> certificates = new ArrayList<>();
        for (String file : files) {
            if (file.isBlank()) {
                continue;
            }
            Path path = Path.of(file.strip());
            try {
                List<X509Certificate> read = Certificates.fromPem(Files.readAllBytes(path));
                if (read.isEmpty()) {
                    throw new IllegalStateException("attt.signatures.trust-anchors: no certificate in " + path);
                }
                certificates.addAll(read);
            } catch (IOException e) {
                throw new UncheckedIOException("attt.signatures.trust-anchors: cannot read " + path, e);
            }
        }
        this.configured = List.copyOf(certificates);
    }

    Set<TrustAnchor> current() {
        Set<TrustAnchor> anchors = new HashSet<>();
        configured.forEach(c -> anchors.add(new TrustAnchor(c, null)));
        demo.certificate().ifPresent(c -> anchors.add(new TrustAnchor(c, null)));
        return anchors;
    }

    List<X509Certificate> configured() {
        return configured;
    }
}
