package scot.cairn.maps;

import java.nio.file.Path;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import scot.cairn.vocab.UriScheme;

/**
 * The map controllers in a real embedded server over an in-memory store holding the bundled
 * examples, loaded with the real loaders: the example geography, the schematic example boundaries
 * of its three levels and the free-school-meals dataset.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({MapsConfiguration.class, MapsFixture.class})
public class MapsTestApplication {

    /** The attribution the examples' boundaries are loaded with here, as the server loads them. */
    static final String EXAMPLE_BOUNDARIES = "schematic shapes invented for Cairn's examples, not real boundaries";

    static final UriScheme URIS = UriScheme.defaultScheme();
    static final Path EXAMPLES = Path.of("../examples/data");
}
