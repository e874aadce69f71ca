package vn.attthub.document;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCertificateAuthorityTests {
    @Test
    void aLongAgencyNameIsShortenedToTheRfc5280CommonNameLimitAndStaysMarkedDemo() {
        String cn = DemoCertificateAuthority.commonName(
                "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao");
        assertThat(cn).hasSizeLessThanOrEqualTo(64).endsWith("… (DEMO)").startsWith("Cục An ninh mạng");
        assertThat(DemoCertificateAuthority.commonName("Bộ Y tế")).isEqualTo("Bộ Y tế (DEMO)");
    }
}
