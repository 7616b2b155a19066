package dev.mercato.testsupport.postgres;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A view of a pool that refuses a second connection while the caller still holds one. A read that takes a second
 * connection outside a transaction (a query run from another query's row mapper, say) deadlocks a small pool under
 * concurrent load; through this view it fails at once, in a single-threaded test, without opening a connection more
 * on the shared server.
 */
public final class OneConnectionAtATime {

    private OneConnectionAtATime() {}

    public static DataSource over(DataSource pool) {
        AtomicInteger open = new AtomicInteger();
        return proxy(DataSource.class, (proxy, method, args) -> {
            if (!method.getName().equals("getConnection")) {
                return invoke(method, pool, args);
            }
            if (open.get() > 0) {
                throw new SQLException("a second connection was asked for while one is still open");
            }
            Connection connection = (Connection) invoke(method, pool, args);
            open.incrementAndGet();
            return tracked(connection, open);
        });
    }

    private static Connection tracked(Connection connection, AtomicInteger open) {
        AtomicBoolean closed = new AtomicBoolean();
        return proxy(Connection.class, (proxy, method, args) -> {
            if (method.getName().equals("close") && closed.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
            return invoke(method, connection, args);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(OneConnectionAtATime.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
