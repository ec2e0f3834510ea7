package org.osc.simcluster;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of {@code java -jar sim-cluster-VERSION.jar [flags]}: loads the simulator with its runtime
 * classpath (see {@link RuntimeClasspath}) and runs {@code org.osc.simcluster.server.SimClusterMain}.
 * The jar's manifest carries no {@code Class-Path}, so a module that puts this jar on its test classpath does
 * not silently get the simulator's dependencies (vert.x, BouncyCastle, slf4j-simple) with it.
 */
public final class SimClusterLauncher {

    static final String MAIN_CLASS = "org.osc.simcluster.server.SimClusterMain";

    private SimClusterLauncher() {
    }

    /**
     * @param args the simulator's flags, see {@code --help}
     * @throws Exception if the simulator cannot be loaded or fails to start
     */
    public static void main(String[] args) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (Path entry : RuntimeClasspath.entries()) {
            urls.add(toUrl(entry));
        }
        // The platform loader as parent keeps the launching class path out, so every class comes from one place.
        ClassLoader loader = new URLClassLoader("sim-cluster", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Method main = loader.loadClass(MAIN_CLASS).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        }
    }

    private static URL toUrl(Path entry) throws IOException {
        try {
            return entry.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IOException("bad classpath entry " + entry, e);
        }
    }
}
