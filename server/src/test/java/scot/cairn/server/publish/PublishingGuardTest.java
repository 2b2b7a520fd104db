package scot.cairn.server.publish;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The gate of the publishing endpoints, on a clock the test moves. */
class PublishingGuardTest {
    private static final String RIGHT = basic("publisher:Pw-Alpha,Beta-9");
    private static final String WRONG = basic("publisher:Pw-Alpha");

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final PublishingGuard guard = new PublishingGuard(
            new PublisherCredentials("publisher", "Pw-Alpha,Beta-9"), now::get, "/publish", "/cairn/publish");

    private static String basic(String s) {
        return "Basic " + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The response, and the request as the next filter saw it (null when the guard answered). */
    private record Outcome(MockHttpServletResponse response, HttpServletRequest passed) {}

    private Outcome send(String path, String authorization) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setServletPath(path);
        request.setRemoteAddr("127.0.0.1");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        guard.doFilter(request, response, chain);
        return new Outcome(response, (HttpServletRequest) chain.getRequest());
    }

    @Test
    void theRightCredentialsPassAsThePublisherAndOtherPathsPassUntouched() throws Exception {
        Outcome ok = send("/publish/data", RIGHT);
        assertThat(ok.passed()).isNotNull();
        assertThat(ok.passed().getRemoteUser()).isEqualTo("publisher");
        Outcome ds = send("/ds/query", null);
        assertThat(ds.passed()).isNotNull();
        assertThat(ds.passed().getRemoteUser()).isNull();
    }

    @Test
    void everyPublishingPathIsGuardedWhateverItsSpelling() throws Exception {
        for (String path : new String[] {
            "/publish",
            "/publish/update",
            "/PUBLISH/data",
            "//publish/data",
            "/publish;x=1",
            "/cairn/publish",
            "/cairn/publish/x",
            "/Cairn/Publish"
        }) {
            Outcome o = send(path, null);
            assertThat(o.passed()).as(path).isNull();
            assertThat(o.response().getStatus()).as(path).isEqualTo(401);
            assertThat(o.response().getHeader("WWW-Authenticate")).as(path).startsWith("Basic");
        }
        assertThat(send("/publisher-notes", null).passed()).isNotNull();
    }

    @Test
    void afterFiveFailuresEveryAttemptIsRefusedUncheckedWithRetryAfterAndTheLockDoubles() throws Exception {
        for (int i = 0; i < SignInLockout.FREE_FAILURES; i++) {
            assertThat(send("/publish/data", WRONG).response().getStatus()).isEqualTo(401);
        }
        // the sixth failure locks for one second
        assertThat(send("/publish/data", WRONG).response().getStatus()).isEqualTo(401);
        Outcome locked = send("/publish/data", RIGHT);
        assertThat(locked.response().getStatus()).isEqualTo(429);
        assertThat(locked.response().getHeader("Retry-After")).isEqualTo("1");
        assertThat(locked.response().getContentAsString()).startsWith("Too many failed sign-ins");
        assertThat(locked.passed()).isNull();

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(send("/cairn/publish", WRONG).response().getStatus()).isEqualTo(401);
        assertThat(send("/cairn/publish", RIGHT).response().getHeader("Retry-After"))
                .isEqualTo("2");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        // a request without credentials (a client's first try) is challenged, not counted
        assertThat(send("/publish/data", null).response().getStatus()).isEqualTo(401);
        assertThat(send("/publish/data", RIGHT).passed()).isNotNull();
        // success starts the count again
        for (int i = 0; i < SignInLockout.FREE_FAILURES; i++) {
            assertThat(send("/publish/data", WRONG).response().getStatus()).isEqualTo(401);
        }
    }

    @Test
    void theLockStopsGrowingAtFiveMinutes() throws Exception {
        for (int i = 0; i < 40; i++) {
            send("/publish/data", WRONG);
            now.addAndGet(Duration.ofMinutes(10).toNanos());
        }
        send("/publish/data", WRONG);
        assertThat(send("/publish/data", RIGHT).response().getHeader("Retry-After"))
                .isEqualTo(Long.toString(SignInLockout.MAX_LOCK.toSeconds()));
    }

    @Test
    void aHugeAuthorizationHeaderIsAPlainRefusal() throws Exception {
        Outcome o = send("/publish/data", "Basic " + "A".repeat(100 * 1024));
        assertThat(o.response().getStatus()).isEqualTo(401);
        assertThat(o.response().getContentType()).startsWith("text/plain");
    }
}
