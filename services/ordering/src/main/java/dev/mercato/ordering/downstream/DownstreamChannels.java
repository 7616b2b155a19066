package dev.mercato.ordering.downstream;

import io.grpc.Channel;

/** The channel to a downstream service ({@code cart}, {@code inventory}, {@code payment}). */
public interface DownstreamChannels {

    Channel channel(String target);
}
