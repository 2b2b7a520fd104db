package scot.cairn.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import scot.cairn.endpoint.SparqlEndpointConfiguration;
import scot.cairn.linkeddata.LinkedDataConfiguration;
import scot.cairn.maps.MapsConfiguration;
import scot.cairn.profiles.web.ProfilesConfiguration;
import scot.cairn.replication.web.ReplicationConfiguration;
import scot.cairn.server.http.PublicHttpConfiguration;
import scot.cairn.tabulation.web.TabulationWebConfiguration;
import scot.cairn.versions.VersionsConfiguration;
import scot.cairn.web.WebConfiguration;

/**
 * The runnable publisher: Spring Boot (Tomcat) on the one public port, serving SPARQL,
 * linked-data pages, downloads and tabulation; Fuseki main on a loopback-only port. Each feature
 * module contributes its one public configuration, imported here by name (no package scan).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableConfigurationProperties(CairnProperties.class)
@Import({
    // what every feature shares, and the wiring between features
    StoreConfiguration.class,
    SharedLocalities.class,
    ConcurrencyLimitsConfiguration.class,
    MalformedRequests.class,
    PublicHttpConfiguration.class,
    // the features
    SparqlEndpointConfiguration.class,
    LinkedDataConfiguration.class,
    VersionsConfiguration.class,
    TabulationWebConfiguration.class,
    ProfilesConfiguration.class,
    MapsConfiguration.class,
    WebConfiguration.class,
    // beside other servers: the publisher's log or a replica's follower, /health's role, validators on every GET
    ReplicationConfiguration.class,
    // this process: the operators' Fuseki and publishing servlet, the bundled examples on first start
    LoopbackFuseki.class,
    ExampleBootstrap.class,
    CubeExamples.class,
    // the port opens once the features' start-up preparation is done
    PreparedBeforePort.class
})
public class PublisherApplication {

    /** Starts the server with Spring Boot's usual argument and property handling. */
    public static ConfigurableApplicationContext start(String... args) {
        return SpringApplication.run(PublisherApplication.class, args);
    }
}
