package scot.cairn.profiles.web;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The profile controllers in a real embedded server over the example store, with one locality. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ProfilesFixture.class, ProfilesConfiguration.class})
public class ProfilesTestApplication {}
