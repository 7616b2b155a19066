package dev.mercato.jobs.config;

import dev.mercato.jobs.history.JdbcJobHistory;
import dev.mercato.jobs.history.JobHistory;
import dev.mercato.jobs.history.RedisJobHistory;
import dev.mercato.jobs.job.Job;
import dev.mercato.jobs.scheduling.JobRunner;
import dev.mercato.jobs.scheduling.JobScheduler;
import dev.mercato.jobs.web.JobsController;
import dev.mercato.jobs.web.MethodSecurityCheck;
import dev.mercato.web.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.provider.redis.spring.RedisLockProvider;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Scheduled jobs once per cluster (docs/adr/023), for a service that declares {@link Job} beans: the lock and the run
 * history in the service's PostgreSQL database when it has one (schema {@code jobs}, migrated by the library:
 * ShedLock's JDBC provider with the database's clock on {@code jobs.shedlock}; {@code jobs.job_run}), otherwise in its
 * Redis. Both use the service's existing pool or client: no connection of their own. The admin API
 * {@code GET /v1/admin/jobs} in a servlet service with Spring Security ({@code mercato.jobs.admin-api.enabled=false}
 * leaves it out).
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnBean(Job.class)
@EnableConfigurationProperties(JobsProperties.class)
public class JobsAutoConfiguration {

    @Bean
    JobRunner mercatoJobRunner(
            LockProvider lockProvider,
            JobHistory history,
            JobsProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        return new JobRunner(
                lockProvider,
                history,
                instance(properties),
                properties.history().retention(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "mercato.jobs.scheduling.enabled", matchIfMissing = true)
    JobScheduler mercatoJobScheduler(List<Job> jobs, JobRunner runner, JobsProperties properties) {
        return new JobScheduler(jobs, runner, properties.shutdownWait());
    }

    static String instance(JobsProperties properties) {
        if (!properties.instance().isBlank()) {
            return properties.instance();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }

    /** The usual case: the service's PostgreSQL database, through its own pool. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({JdbcTemplateLockProvider.class, JdbcClient.class, Flyway.class})
    @ConditionalOnSingleCandidate(DataSource.class)
    static class OnPostgres {

        /**
         * Migrated at startup like the service's own schema; a service that turns its Flyway off (a deployment that
         * migrates separately) turns this off too, or sets mercato.jobs.migrate-schema.
         */
        @Bean
        JobsSchema mercatoJobsSchema(DataSource dataSource, Environment environment) {
            boolean migrate = environment.getProperty(
                    "mercato.jobs.migrate-schema",
                    Boolean.class,
                    environment.getProperty("spring.flyway.enabled", Boolean.class, true));
            return migrate ? JobsSchema.migrate(dataSource) : JobsSchema.assumeMigrated();
        }

        /** {@code schema}: the tables exist before the first lock is taken (the lock and the history need it). */
        @Bean
        @ConditionalOnMissingBean
        LockProvider mercatoJobLocks(DataSource dataSource, JobsProperties properties, JobsSchema schema) {
            return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                    .withJdbcTemplate(new JdbcTemplate(dataSource))
                    .withTableName(JobsSchema.LOCKS)
                    .usingDbTime()
                    .withLockedByValue(instance(properties))
                    .build());
        }

        @Bean
        @ConditionalOnMissingBean
        JobHistory mercatoJobHistory(DataSource dataSource, JobsSchema schema) {
            return new JdbcJobHistory(JdbcClient.create(dataSource));
        }
    }

    /** A service without a database (cart): its Redis, through its own client. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RedisLockProvider.class, StringRedisTemplate.class})
    @ConditionalOnMissingBean(DataSource.class)
    @ConditionalOnBean(RedisConnectionFactory.class)
    static class OnRedis {

        @Bean
        @ConditionalOnMissingBean
        LockProvider mercatoJobLocks(RedisConnectionFactory redis, JobsProperties properties, Environment env) {
            return new RedisLockProvider.Builder(new StringRedisTemplate(redis))
                    .keyPrefix(keyPrefix(properties, env) + "lock")
                    .environment("cluster")
                    .build();
        }

        @Bean
        @ConditionalOnMissingBean
        JobHistory mercatoJobHistory(
                RedisConnectionFactory redis, JobsProperties properties, Environment env, List<Job> jobs) {
            return new RedisJobHistory(
                    new StringRedisTemplate(redis),
                    keyPrefix(properties, env),
                    properties.history().redisKept(),
                    jobs.stream().map(Job::name).toList(),
                    Clock.systemUTC());
        }

        private static String keyPrefix(JobsProperties properties, Environment env) {
            String prefix = properties.redis().keyPrefix();
            return prefix.isBlank()
                    ? "mercato:jobs:" + env.getProperty("spring.application.name", "service") + ":"
                    : prefix;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({DispatcherServlet.class, PreAuthorize.class, ProblemException.class})
    @ConditionalOnBooleanProperty(name = "mercato.jobs.admin-api.enabled", matchIfMissing = true)
    static class AdminApi {

        @Bean
        JobsController mercatoJobsController(List<Job> jobs, JobHistory history, Environment env) {
            return new JobsController(env.getProperty("spring.application.name", "service"), jobs, history);
        }

        @Bean
        static SmartInitializingSingleton mercatoJobsAccessCheck(ObjectProvider<JobsController> controller) {
            return () -> MethodSecurityCheck.requireEnforced(controller.getObject());
        }
    }
}
