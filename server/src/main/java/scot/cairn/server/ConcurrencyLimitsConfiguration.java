package scot.cairn.server;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the {@link ConcurrencyLimits} (with each request's {@link RequestLimitsProperties budget}) in front of every request on the public port. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimitsProperties.class)
class ConcurrencyLimitsConfiguration {

    @Bean
    FilterRegistrationBean<ConcurrencyLimits> concurrencyLimits(RequestLimitsProperties requests) {
        FilterRegistrationBean<ConcurrencyLimits> registration =
                new FilterRegistrationBean<>(ConcurrencyLimits.defaults(requests));
        registration.addUrlPatterns("/*");
        registration.setName("cairnConcurrencyLimits");
        // after Spring's own request filters, before any work is done
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        return registration;
    }
}
