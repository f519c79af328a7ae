package io.chameleon.sandbox;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns a caller's hint into database names that are safe identifiers on MySQL, MariaDB and
 * PostgreSQL (lower-case ASCII letters, digits and underscores, starting with a letter, at most
 * 40 characters before the suffix) and unique within this JVM: {@code orders}, then
 * {@code orders_1}, {@code orders_2}, ...
 */
final class DatabaseNames {

    private static final int MAX_STEM = 40;

    private final AtomicInteger counter = new AtomicInteger();

    /**
     * The next candidate name for a hint.
     *
     * @param hint any text, e.g. {@code "Orders"} or {@code "bench-4"}
     * @return e.g. {@code orders_3}
     */
    String next(String hint) {
        return stem(hint) + "_" + counter.incrementAndGet();
    }

    /**
     * The sanitised part of a name, before the unique suffix.
     *
     * @param hint any text, may be {@code null}
     * @return a safe identifier stem, never empty
     */
    static String stem(String hint) {
        String lower = hint == null ? "" : hint.toLowerCase(Locale.ROOT);
        StringBuilder stem = new StringBuilder();
        for (int i = 0; i < lower.length() && stem.length() < MAX_STEM; i++) {
            char c = lower.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (safe) {
                stem.append(c);
            } else if (stem.length() > 0 && stem.charAt(stem.length() - 1) != '_') {
                stem.append('_');
            }
        }
        while (stem.length() > 0 && stem.charAt(stem.length() - 1) == '_') {
            stem.setLength(stem.length() - 1);
        }
        if (stem.length() == 0) {
            return "db";
        }
        if (!Character.isLetter(stem.charAt(0))) {
            stem.insert(0, "db_");
        }
        return stem.toString();
    }
}
