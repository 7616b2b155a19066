package dev.mercato.ordering.failpoint;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FailpointConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FailpointConfiguration.class);

    @Bean
    Failpoints failpoints(@Value("${ordering.failpoints:}") String spec) {
        Failpoints failpoints = Failpoints.parse(spec);
        if (!failpoints.isEmpty()) {
            String list = failpoints.armed().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            log.warn(
                    "!!! FAILPOINTS ARMED: {} — this instance will fail on purpose. Known names: {}",
                    list,
                    Arrays.toString(FailpointNames.all().toArray()));
            FailpointNames.unknown(failpoints.armed().keySet())
                    .forEach(name -> log.warn("!!! failpoint {} is armed but no code path has that name", name));
        }
        return failpoints;
    }
}
