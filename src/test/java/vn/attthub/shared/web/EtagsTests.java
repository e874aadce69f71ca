package vn.attthub.shared.web;

import org.junit.jupiter.api.Test;
import vn.attthub.shared.ConflictException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EtagsTests {
    @Test
    void aVersionIsAStrongQuotedTag() {
        assertThat(Etags.of(7)).isEqualTo("\"7\"");
    }

    @Test
    void aMissingIfMatchIs428() {
        assertThat(catchThrowableOfType(ConflictException.class, () -> Etags.requireMatch(null, 3)).status())
                .isEqualTo(428);
        assertThat(catchThrowableOfType(ConflictException.class, () -> Etags.requireMatch("  ", 3)).status())
                .isEqualTo(428);
    }

    @Test
    void aStaleOrWeakTagIs412() {
        assertThat(catchThrowableOfType(ConflictException.class, () -> Etags.requireMatch("\"2\"", 3)).status())
                .isEqualTo(412);
        assertThat(catchThrowableOfType(ConflictException.class, () -> Etags.requireMatch("W/\"3\"", 3)).status())
                .isEqualTo(412);
        assertThat(catchThrowableOfType(ConflictException.class, () -> Etags.requireMatch("3", 3)).status())
                .isEqualTo(412);
    }

    @Test
    void theCurrentTagAnyTagInAListOrAStarMatch() {
        assertThatCode(() -> Etags.requireMatch("\"3\"", 3)).doesNotThrowAnyException();
        assertThatCode(() -> Etags.requireMatch("\"1\", \"3\"", 3)).doesNotThrowAnyException();
        assertThatCode(() -> Etags.requireMatch("*", 3)).doesNotThrowAnyException();
    }
}
