package io.shardgate.rules.algorithm;

import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/** Class loaders that add a folder's META-INF/services to the test class path, for ServiceLoader tests. */
public final class TestClassLoaders {

    private TestClassLoaders() {
    }

    /** Sees the {@code test-tens} provider of src/test/resources/spi. */
    public static ClassLoader withTestServices() {
        try {
            return withServicesIn(Path.of(TestClassLoaders.class.getResource("/spi").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ClassLoader withServicesIn(Path folder) {
        try {
            return new URLClassLoader(new URL[]{folder.toUri().toURL()}, TestClassLoaders.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
