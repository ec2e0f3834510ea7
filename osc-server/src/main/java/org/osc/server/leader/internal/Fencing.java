package org.osc.server.leader.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.osc.server.leader.Leadership;

/**
 * Fencing at the boundary where OSC calls its plugins and platforms: a proxy on the SPI interfaces that calls
 * {@link Leadership#checkLeader()} before every write, so that a replica that lost (or never had) the lease makes
 * no plugin or cluster write, whatever code path got there. Reads pass (a follower serves REST, which may read from
 * a manager or a controller). What the SPI hands back (a session, a manager's sub-API) is wrapped the same way.
 *
 * <p>A method is a read when its name says so ({@link #isRead}); any other method is a write, so a method added to
 * an SPI later is fenced unless it is named as a read.
 */
public final class Fencing {

    private static final List<String> READ_PREFIXES = List.of("get", "list", "find", "is", "check", "open", "close",
            "type", "workloads", "allWorkloads", "watch", "unwatch", "startNotifications", "stopNotifications");
    private static final Set<String> OBJECT_METHODS = Set.of("toString", "hashCode", "equals");
    private static final List<String> SPI_PACKAGES = List.of("org.osc.sdn.api", "org.osc.api.", "org.osc.platform.api");

    private Fencing() {
    }

    /**
     * @param type the SPI interface the caller uses
     * @param target the plugin's or platform's object
     * @param leadership the current election, or null outside one (every call passes)
     * @return a proxy that implements every SPI interface the target does, and fences its writes
     */
    public static <T> T wrap(Class<T> type, T target, Supplier<Leadership> leadership) {
        if (target == null || Proxy.isProxyClass(target.getClass())
                && Proxy.getInvocationHandler(target) instanceof Handler) {
            return target;
        }
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        interfaces.add(type);
        interfaces.addAll(spiInterfaces(target.getClass(), type.getClassLoader()));
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), interfaces.toArray(Class<?>[]::new),
                new Handler(target, leadership));
        return type.cast(proxy);
    }

    /** @return whether the method only reads, by its name */
    static boolean isRead(Method method) {
        String name = method.getName();
        if (OBJECT_METHODS.contains(name) || method.getReturnType().isInterface() && name.endsWith("Api")) {
            return true; // a factory of a sub-API: its own methods are fenced
        }
        return READ_PREFIXES.stream().anyMatch(p -> name.equals(p) || name.startsWith(p)
                && name.length() > p.length() && Character.isUpperCase(name.charAt(p.length())));
    }

    private static List<Class<?>> spiInterfaces(Class<?> type, ClassLoader loader) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                collect(i, loader, found);
            }
        }
        return found;
    }

    private static void collect(Class<?> i, ClassLoader loader, List<Class<?>> found) {
        if (SPI_PACKAGES.stream().anyMatch(i.getName()::startsWith) && visible(i, loader) && !found.contains(i)) {
            found.add(i);
        }
        for (Class<?> parent : i.getInterfaces()) {
            collect(parent, loader, found);
        }
    }

    private static boolean visible(Class<?> i, ClassLoader loader) {
        try {
            return Class.forName(i.getName(), false, loader) == i;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private record Handler(Object target, Supplier<Leadership> leadership) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("equals") && args != null && args.length == 1) {
                Object other = args[0];
                if (other != null && Proxy.isProxyClass(other.getClass())
                        && Proxy.getInvocationHandler(other) instanceof Handler h) {
                    other = h.target;
                }
                return target.equals(other);
            }
            Leadership election = leadership.get();
            if (election != null && !isRead(method)) {
                // GAP: a call that passed this check just before the process was paused completes when it resumes,
                // possibly after another replica took over; closing that needs a fencing token (the lease's
                // transitions) checked by the plugin or controller, which the SPIs do not carry yet.
                election.checkLeader();
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            Class<?> returned = method.getReturnType();
            if (result != null && returned.isInterface() && SPI_PACKAGES.stream()
                    .anyMatch(returned.getName()::startsWith)) {
                return wrapAs(returned, result, leadership);
            }
            return result;
        }

        @SuppressWarnings("unchecked")
        private static <T> Object wrapAs(Class<T> type, Object result, Supplier<Leadership> leadership) {
            return wrap(type, (T) result, leadership);
        }
    }
}
