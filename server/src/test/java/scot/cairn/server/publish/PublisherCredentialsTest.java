package scot.cairn.server.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PublisherCredentialsTest {
    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPasswordWithACommaCountsWholeAndItsPrefixIsRefused() {
        PublisherCredentials c = new PublisherCredentials("publisher", "Pw-Alpha,Beta-9");
        assertThat(c.matches(basic("publisher:Pw-Alpha,Beta-9"))).isTrue();
        assertThat(c.matches(basic("publisher:Pw-Alpha"))).isFalse();
        assertThat(c.matches(basic("publisher:Pw-Alpha,Beta-"))).isFalse();
        assertThat(c.matches(basic("publisher:Pw-Alpha,Beta-99"))).isFalse();
    }

    @Test
    void everyCharacterOfThePasswordCountsColonsAndNonAsciiIncluded() {
        PublisherCredentials c = new PublisherCredentials("publisher", "a:b, c=d #é");
        assertThat(c.matches(basic("publisher:a:b, c=d #é"))).isTrue();
        assertThat(c.matches(basic("publisher:a:b, c=d #e"))).isFalse();
        assertThat(c.matches("basic " + basic("publisher:a:b, c=d #é").substring(6)))
                .as("scheme in any case")
                .isTrue();
    }

    @Test
    void otherUsersAndMalformedHeadersAreRefused() {
        PublisherCredentials c = new PublisherCredentials("publisher", "s3cret");
        assertThat(c.matches(basic("Publisher:s3cret"))).isFalse();
        assertThat(c.matches(basic("s3cret"))).isFalse();
        assertThat(c.matches(basic(":s3cret"))).isFalse();
        assertThat(c.matches("Bearer abc")).isFalse();
        assertThat(c.matches("Basic !!!not-base64!!!")).isFalse();
        assertThat(c.matches(null)).isFalse();
        assertThat(c.matches("Basic " + "QUFB".repeat(25_000)))
                .as("a 100 KB header")
                .isFalse();
    }

    @Test
    void aUserNameWithAColonOrAnEmptyPasswordIsRefusedAtStart() {
        assertThatThrownBy(() -> new PublisherCredentials("a:b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PublisherCredentials("publisher", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePasswordIsNotKeptInClear() {
        PublisherCredentials c = new PublisherCredentials("publisher", "Pw-Alpha,Beta-9");
        for (java.lang.reflect.Field f : PublisherCredentials.class.getDeclaredFields()) {
            if (f.getType() == String.class && !java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                try {
                    assertThat((String) f.get(c)).doesNotContain("Pw-Alpha");
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}
