package vn.attthub.document.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.attthub.document.SignatureReport;
import vn.attthub.document.SignatureVerifier;
import vn.attthub.shared.AnyAuthenticatedUser;

import java.io.IOException;
import java.io.InputStream;

/**
 * Verifies the signatures of a PDF (an approval decision, or any PAdES/CMS-signed PDF): multipart field
 * {@code file}, or the PDF itself as the body with {@code Content-Type: application/pdf}; at most 20 MB.
 * Nothing is stored.
 */
@RestController
class SignatureVerificationApi {
    static final String PATH = "/api/v1/signatures/verification";
    private final SignatureVerifier verifier;

    SignatureVerificationApi(SignatureVerifier verifier) {
        this.verifier = verifier;
    }

    @PostMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @AnyAuthenticatedUser
    SignatureReport verifyUpload(@RequestParam(required = false) MultipartFile file) {
        return verifier.verify(Uploads.read(file, Uploads.MAX_PDF));
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_PDF_VALUE)
    @AnyAuthenticatedUser
    SignatureReport verifyBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return verifier.verify(Uploads.read(in, Uploads.MAX_PDF));
        }
    }
}
