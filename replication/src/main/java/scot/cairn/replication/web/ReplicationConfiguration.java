package scot.cairn.replication.web;

import java.io.File;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import scot.cairn.store.TripleStore;

/**
 * A server's place beside others ({@code cairn.replication.role}: single, publisher or replica),
 * its {@code /health} details, and validators on every GET (for every role, a single server
 * included).
 */
@Configuration(proxyBeanMethods = false)
public class ReplicationConfiguration {

    /** Bound from the environment by hand: a post-processor is made before configuration properties beans. */
    @Bean
    static PublisherInstaller replicationPublisherInstaller(Environment env) {
        ReplicationProperties properties =
                Binder.get(env).bindOrCreate("cairn.replication", ReplicationProperties.class);
        Path dataDir = Path.of(env.getProperty("cairn.data-dir", "cairn-data"));
        return new PublisherInstaller(properties, dataDir);
    }

    @Bean
    ReplicationRole replicationRole(
            Environment env,
            TripleStore store,
            PublisherInstaller installer,
            @Value("${cairn.data-dir:cairn-data}") Path dataDir) {
        ReplicationProperties properties =
                Binder.get(env).bindOrCreate("cairn.replication", ReplicationProperties.class);
        return new ReplicationRole(properties, store, dataDir, installer);
    }

    @Bean
    FilterRegistrationBean<ValidatorFilter> validatorFilter(TripleStore store) {
        FilterRegistrationBean<ValidatorFilter> r =
                new FilterRegistrationBean<>(new ValidatorFilter(store::generation, buildId()));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return r;
    }

    @Bean
    FilterRegistrationBean<ReplicaTabulationFilter> replicaTabulationFilter(Environment env) {
        FilterRegistrationBean<ReplicaTabulationFilter> r = new FilterRegistrationBean<>(new ReplicaTabulationFilter());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        r.setEnabled("replica".equalsIgnoreCase(env.getProperty("cairn.replication.role", "single")));
        return r;
    }

    /** The running jar's size and time (the same jar on every server gives the same id), or "dev" from classes. */
    static String buildId() {
        File source = new ApplicationHome(ReplicationConfiguration.class).getSource();
        if (source == null || !source.isFile()) {
            return "dev";
        }
        return Long.toHexString(source.length()) + "." + Long.toHexString(source.lastModified());
    }
}
