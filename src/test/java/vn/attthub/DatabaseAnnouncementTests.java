package vn.attthub;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseAnnouncementTests {
    @Test
    void theLoggedUrlNeverCarriesAPassword() {
        assertThat(DatabaseAnnouncement.withoutSecrets("jdbc:postgresql://db:5432/attt?user=a&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/attt?user=a&password=***&ssl=true");
        assertThat(DatabaseAnnouncement.withoutSecrets("jdbc:postgresql://a:s3cret@db/attt"))
                .doesNotContain("s3cret");
        assertThat(DatabaseAnnouncement.withoutSecrets("jdbc:postgresql://db:5432/attt"))
                .isEqualTo("jdbc:postgresql://db:5432/attt");
    }
}
