package scot.cairn.server;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import scot.cairn.profiles.Locality;
import scot.cairn.profiles.LocalityDirectory;
import scot.cairn.tabulation.MicrodataStore;

/**
 * Localities are created through the tabulation API and stored with the tabulation service;
 * area profiles read the same ones, so a locality named in a table request is the same set of
 * data zones in its profile.
 */
@Configuration(proxyBeanMethods = false)
class SharedLocalities {

    @Bean
    LocalityDirectory localityDirectory(ObjectProvider<MicrodataStore> microdata) {
        return id -> microdata.getObject().locality(id).map(l -> new Locality(l.slug(), l.name(), l.dataZones()));
    }
}
