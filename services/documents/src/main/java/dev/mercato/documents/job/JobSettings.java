package dev.mercato.documents.job;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param chunkSize orders per chunk message: the unit a worker takes, and redoes the unfinished part of after a crash
 * @param batchSize invoices rendered per transaction inside a chunk: what a crash can cost in repeated renders
 */
@ConfigurationProperties("documents.jobs")
public record JobSettings(int chunkSize, int batchSize) {}
