package scot.cairn.endpoint;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The endpoint's controllers in a real embedded server, over {@link EndpointFixture}'s store. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({SparqlEndpointConfiguration.class, EndpointFixture.class})
public class EndpointTestApplication {}
