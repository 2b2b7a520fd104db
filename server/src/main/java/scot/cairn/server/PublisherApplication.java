package scot.cairn.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The runnable publisher: Spring Boot (Tomcat) on the one public port, serving SPARQL,
 * linked-data pages, downloads and tabulation; Fuseki main on a loopback-only port.
 * Feature modules contribute controllers under {@code scot.cairn}.
 */
@SpringBootApplication(scanBasePackages = "scot.cairn")
@EnableConfigurationProperties(CairnProperties.class)
public class PublisherApplication {

    /** Starts the server with Spring Boot's usual argument and property handling. */
    public static ConfigurableApplicationContext start(String... args) {
        return SpringApplication.run(PublisherApplication.class, args);
    }
}
