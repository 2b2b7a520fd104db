package scot.cairn.server.http;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What every answer on the public port shares: its headers ({@link PublicHeadersFilter}, first in
 * the filter chain, on requests and error pages alike) and the answer Tomcat itself gives a
 * request it cannot even route with ({@link BadRequestValve}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublicHttpProperties.class)
public class PublicHttpConfiguration {

    @Bean
    FilterRegistrationBean<PublicHeadersFilter> publicHeadersFilter(PublicHttpProperties properties) {
        FilterRegistrationBean<PublicHeadersFilter> registration =
                new FilterRegistrationBean<>(new PublicHeadersFilter(properties));
        registration.setName("publicHeaders");
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC));
        // before every other filter, so that a refusal by any of them carries the headers too, and so
        // does a 304 from the caching headers' filter (replication's ValidatorFilter, which runs later)
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Tomcat's answer to what it refuses before the application sees it. Added after Spring
     * Boot's own error report valve (this customizer runs later), so it is nearer the request and
     * reports first.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> badRequestValve(PublicHttpProperties properties) {
        BadRequestValve valve = new BadRequestValve(PublicHeadersFilter.securityHeaders(properties));
        return factory -> factory.addContextCustomizers(
                context -> context.getParent().getPipeline().addValve(valve));
    }
}
