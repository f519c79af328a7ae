package io.chameleon.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JVM shutdown hook that undoes what the sandbox started, newest first: servers are stopped
 * before the directories they used are deleted.
 */
final class Cleanup {

    private static final Logger LOG = LoggerFactory.getLogger(Cleanup.class);
    private static final Deque<Task> TASKS = new ArrayDeque<>();
    private static boolean hookInstalled;

    private record Task(String what, Runnable action) {}

    private Cleanup() {}

    /**
     * Runs an action when the JVM shuts down, before the actions registered earlier.
     *
     * @param what what the action undoes, for the log
     * @param action what to do; exceptions are logged and ignored
     */
    static synchronized void atShutdown(String what, Runnable action) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::runAll, "chameleon-sandbox-cleanup"));
            hookInstalled = true;
        }
        TASKS.push(new Task(what, action));
    }

    /**
     * Deletes a directory tree, ignoring files that vanish meanwhile.
     *
     * @param root the directory
     */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete all of {}: {}", root, e.toString());
        }
    }

    private static void runAll() {
        while (true) {
            Task task;
            synchronized (Cleanup.class) {
                task = TASKS.poll();
            }
            if (task == null) {
                return;
            }
            try {
                task.action().run();
            } catch (RuntimeException | Error e) {
                LOG.warn("sandbox cleanup: could not {}: {}", task.what(), e.toString());
            }
        }
    }
}
