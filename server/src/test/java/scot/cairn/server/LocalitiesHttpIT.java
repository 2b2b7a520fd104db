package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Localities over real HTTP: created (201, with an owner token for an anonymous client), never
 * replaced (409), deleted by their owner only (204, 403, 404), quotas per client (429), a paged
 * list. Anonymous clients are told apart by address, here through X-Forwarded-For from loopback
 * (the way a server behind a reverse proxy sees them).
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/localities-it-data/${random.uuid}",
            "cairn.fuseki.port=0",
            "server.forward-headers-strategy=native",
            "cairn.tabulation.localities.max-per-anonymous-client=2",
            "cairn.tabulation.localities.max-per-client=5",
            // SHA-256 of the keys below, as an operator configures them (printf %s KEY | sha256sum)
            "cairn.tabulation.api-keys.council=db3e8d46cc27f3c8e08bd5c389abc3082bd02c197591b782e322dbccaa969a2c",
            "cairn.tabulation.api-keys.library=7610df6979714a1753e525a048128c2caf382f7956d8ce61906c2d421da3eda6",
            "cairn.tabulation.api-keys.pager=5cd73f43f1b2ae224355ee9d77b8445a6f5deabf118404c9b444025f269caf3c"
        })
class LocalitiesHttpIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String COUNCIL_KEY = "council-key-7f3a";
    static final String LIBRARY_KEY = "library-key-19c2";
    static final String PAGER_KEY = "pager-key-5d0e";
    static final String CULTER = "[\"S01006506\", \"S01006507\", \"S01006508\", \"S01006509\"]";

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        return headers.length == 0 ? b : b.headers(headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> create(String name, String zones, String... headers) throws Exception {
        return send(request("/localities", headers)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": " + JSON.writeValueAsString(name) + ", \"dataZones\": " + zones + "}")));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET());
    }

    private HttpResponse<String> delete(String path, String... headers) throws Exception {
        return send(request(path, headers).DELETE());
    }

    static String error(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readTree(r.body()).get("error").asText();
    }

    @Test
    void aLocalityIsCreatedNeverReplacedAndDeletedWithItsOwnerToken() throws Exception {
        HttpResponse<String> created = create("Culter partnership", CULTER, "X-Forwarded-For", "198.51.100.1");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/localities/culter-partnership");
        JsonNode body = JSON.readTree(created.body());
        String token = body.get("ownerToken").asText();
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        assertThat(body.get("dataZones")).hasSize(4);

        HttpResponse<String> same =
                create("CULTER partnership!!", "[\"S01006510\"]", "X-Forwarded-For", "198.51.100.2");
        assertThat(same.statusCode()).isEqualTo(409);
        assertThat(error(same)).contains("'culter-partnership'", "\"Culter partnership\"");
        JsonNode whole = JSON.readTree(get("/localities/culter-partnership").body());
        assertThat(whole.get("name").asText()).isEqualTo("Culter partnership");
        assertThat(whole.get("dataZones")).hasSize(4);
        assertThat(whole.has("ownerToken")).isFalse();

        HttpResponse<String> noToken = delete("/localities/culter-partnership", "X-Forwarded-For", "198.51.100.1");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(error(noToken)).contains("owner token");
        assertThat(delete("/localities/culter-partnership", "X-Owner-Token", token + "A")
                        .statusCode())
                .isEqualTo(403);
        assertThat(delete("/localities/culter-partnership", "Authorization", "Bearer " + COUNCIL_KEY)
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/localities/culter-partnership").statusCode()).isEqualTo(200);

        assertThat(delete("/localities/culter-partnership", "X-Owner-Token", token)
                        .statusCode())
                .isEqualTo(204);
        HttpResponse<String> gone = get("/localities/culter-partnership");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(error(gone)).isEqualTo("no locality 'culter-partnership'");
        HttpResponse<String> again = delete("/localities/culter-partnership", "X-Owner-Token", token);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(error(again)).contains("no locality");
    }

    @Test
    void aLocalityMadeWithAnApiKeyIsDeletedWithThatKeyOnly() throws Exception {
        HttpResponse<String> created = create("Council Culter", CULTER, "Authorization", "Bearer " + COUNCIL_KEY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).has("ownerToken")).isFalse();
        assertThat(delete("/localities/council-culter", "Authorization", "Bearer " + LIBRARY_KEY)
                        .statusCode())
                .isEqualTo(403);
        assertThat(delete("/localities/council-culter").statusCode()).isEqualTo(403);
        assertThat(delete("/localities/council-culter", "Authorization", "bearer " + COUNCIL_KEY)
                        .statusCode())
                .isEqualTo(204);
        assertThat(get("/localities/council-culter").statusCode()).isEqualTo(404);
    }

    @Test
    void aKeyThatWasNotIssuedIsRefusedAndNothingIsSaved() throws Exception {
        for (String authorization : List.of(
                "Bearer not-a-key",
                "Bearer " + "db3e8d46cc27f3c8e08bd5c389abc3082bd02c197591b782e322dbccaa969a2c",
                "Basic Y291bmNpbDprZXk=",
                "Bearer",
                "Bearer ")) {
            HttpResponse<String> r =
                    create("Unkeyed " + authorization.length(), CULTER, "Authorization", authorization);
            assertThat(r.statusCode()).as(authorization).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"cairn\"");
            assertThat(error(r)).containsAnyOf("not one this service issued", "must be 'Bearer <API key>'");
            assertThat(get("/localities/unkeyed-" + authorization.length()).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void eachAnonymousAddressAndEachApiKeyHasAQuota() throws Exception {
        assertThat(create("Quota one", CULTER, "X-Forwarded-For", "203.0.113.5").statusCode())
                .isEqualTo(201);
        assertThat(create("Quota two", CULTER, "X-Forwarded-For", "203.0.113.5").statusCode())
                .isEqualTo(201);
        HttpResponse<String> third = create("Quota three", CULTER, "X-Forwarded-For", "203.0.113.5");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(error(third)).contains("you have made 2 localities", "API key");
        assertThat(get("/localities/quota-three").statusCode()).isEqualTo(404);
        assertThat(create("Quota three", CULTER, "X-Forwarded-For", "203.0.113.6")
                        .statusCode())
                .isEqualTo(201);

        for (int i = 1; i <= 5; i++) {
            assertThat(create("Library " + i, CULTER, "Authorization", "Bearer " + LIBRARY_KEY)
                            .statusCode())
                    .isEqualTo(201);
        }
        HttpResponse<String> sixth = create("Library 6", CULTER, "Authorization", "Bearer " + LIBRARY_KEY);
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(error(sixth)).contains("one API key");
        // Deleting one gives its place back.
        assertThat(delete("/localities/library-1", "Authorization", "Bearer " + LIBRARY_KEY)
                        .statusCode())
                .isEqualTo(204);
        assertThat(create("Library 6", CULTER, "Authorization", "Bearer " + LIBRARY_KEY)
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void theListIsPagedAndCountsDataZonesInsteadOfListingThem() throws Exception {
        for (String n : List.of("Page E", "Page A", "Page D", "Page C", "Page B")) {
            assertThat(create(n, CULTER, "Authorization", "Bearer " + PAGER_KEY).statusCode())
                    .isEqualTo(201);
        }
        JsonNode first = JSON.readTree(get("/localities?size=2").body());
        long total = first.get("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(5);
        assertThat(first.get("page").asInt()).isEqualTo(1);
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("pages").asLong()).isEqualTo((total + 1) / 2);
        assertThat(first.get("localities")).hasSize(2);
        assertThat(first.has("previous")).isFalse();
        JsonNode one = first.get("localities").get(0);
        assertThat(one.get("dataZoneCount").isInt()).isTrue();
        assertThat(one.has("dataZones")).isFalse();
        assertThat(one.get("href").asText())
                .isEqualTo("/localities/" + one.get("slug").asText());
        // Following "next" visits every locality once, in slug order.
        List<String> slugs = new ArrayList<>();
        JsonNode page = first;
        while (true) {
            page.get("localities").forEach(l -> slugs.add(l.get("slug").asText()));
            if (!page.has("next")) {
                break;
            }
            page = JSON.readTree(get(page.get("next").asText()).body());
            assertThat(page.get("previous").asText()).startsWith("/localities?page=");
        }
        assertThat(slugs)
                .hasSize((int) total)
                .doesNotHaveDuplicates()
                .isSorted()
                .contains("page-a", "page-b", "page-c", "page-d", "page-e");
        JsonNode all = JSON.readTree(get("/localities").body());
        assertThat(all.get("size").asInt()).isEqualTo(50);
        assertThat(JSON.readTree(get("/localities?page=1000&size=100").body()).get("localities"))
                .isEmpty();
        for (String bad :
                List.of("page=0", "page=-1", "size=0", "size=101", "page=abc", "size=1.5", "page=99999999999")) {
            HttpResponse<String> r = get("/localities?" + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(error(r)).as(bad).containsAnyOf("page", "size");
        }
    }
}
