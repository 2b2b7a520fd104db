package scot.cairn.linkeddata;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The linked-data controllers alone, wired as the application wires them, on
 * {@link LinkedDataFixture}'s store: the base decides the URI and the request path finds it.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({LinkedDataConfiguration.class, LinkedDataFixture.class})
public class LinkedDataTestApplication {
    public static final String BASE = LinkedDataFixture.BASE;
}
