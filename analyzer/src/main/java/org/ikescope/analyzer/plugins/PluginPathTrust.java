package org.ikescope.analyzer.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a {@code --plugin-path} directory may be trusted: a plugin runs with the user's rights,
 * so a directory (or a jar in it) that every user can write to lets every user run code as
 * whoever runs ikescope. Group-writable is allowed (a team's shared plugin directory); world-writable
 * is refused unless {@code --trust-plugin-path}. On a file system without POSIX permissions
 * nothing is refused.
 */
final class PluginPathTrust {
    private PluginPathTrust() {
    }

    /** Why {@code dir} is not to be trusted, or null. */
    static String untrusted(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null; // PluginDiscovery says "expected: a directory"
        }
        if (worldWritable(dir)) {
            return "the directory is writable by every user";
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path jar : s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                if (worldWritable(jar)) {
                    return jar.getFileName() + " is writable by every user";
                }
            }
        } catch (IOException e) {
            return null; // PluginDiscovery reports the listing error
        }
        return null;
    }

    private static boolean worldWritable(Path p) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            return perms.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }
}
