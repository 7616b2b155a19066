package dev.mercato.grpc.client;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import io.grpc.Status;
import io.grpc.StatusOr;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Resolves {@code static://host:port[,host:port...]} to that fixed list of addresses (round robin spreads the calls
 * over them). Name resolution from the registry can replace it later without touching callers.
 */
final class StaticNameResolverProvider extends NameResolverProvider {

    static final String SCHEME = "static";
    private static final AtomicBoolean registered = new AtomicBoolean();

    static void register() {
        if (registered.compareAndSet(false, true)) {
            NameResolverRegistry.getDefaultRegistry().register(new StaticNameResolverProvider());
        }
    }

    /** The {@code host:port} pairs of a static target. */
    static List<InetSocketAddress> addresses(String authority) {
        if (authority == null || authority.isBlank()) {
            throw new IllegalArgumentException("static target without addresses");
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String hostPort : authority.split(",")) {
            String trimmed = hostPort.trim();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("static target address must be host:port: " + trimmed);
            }
            String host = trimmed.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            addresses.add(InetSocketAddress.createUnresolved(host, Integer.parseInt(trimmed.substring(colon + 1))));
        }
        return addresses;
    }

    @Override
    public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
        if (!SCHEME.equals(targetUri.getScheme())) {
            return null;
        }
        List<InetSocketAddress> addresses = addresses(targetUri.getAuthority());
        String authority = addresses.getFirst().getHostString() + ":"
                + addresses.getFirst().getPort();
        return new NameResolver() {
            private Listener2 listener;

            @Override
            public String getServiceAuthority() {
                return authority;
            }

            @Override
            public void start(Listener2 listener) {
                this.listener = listener;
                resolve();
            }

            @Override
            public void refresh() {
                if (listener != null) {
                    resolve();
                }
            }

            private void resolve() {
                List<EquivalentAddressGroup> groups = new ArrayList<>();
                for (InetSocketAddress address : addresses) {
                    InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
                    if (resolved.isUnresolved()) {
                        listener.onError(Status.UNAVAILABLE.withDescription("cannot resolve " + address));
                        return;
                    }
                    groups.add(new EquivalentAddressGroup(resolved));
                }
                listener.onResult(ResolutionResult.newBuilder()
                        .setAddressesOrError(StatusOr.fromValue(groups))
                        .build());
            }

            @Override
            public void shutdown() {}
        };
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return 5;
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    public java.util.Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
        return List.of(InetSocketAddress.class);
    }
}
