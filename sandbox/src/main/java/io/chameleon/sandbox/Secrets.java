package io.chameleon.sandbox;

import java.security.SecureRandom;

/** Random passwords for the sandbox accounts, and the mask shown instead of them. */
final class Secrets {

    /** What {@code toString()} shows in place of a password. */
    static final String MASK = "******";

    private static final String ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    /**
     * A random password of letters and digits only, so it can be written into DDL such as
     * {@code CREATE USER ... IDENTIFIED BY '...'} without any escaping.
     *
     * @return a 24-character password
     */
    static String newPassword() {
        StringBuilder password = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /**
     * Hides a {@code password=} option in a JDBC URL, for messages.
     *
     * @param url a JDBC URL, may be {@code null}
     * @return the URL with the option's value replaced by {@link #MASK}
     */
    static String maskUrl(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1" + MASK);
    }

    /**
     * Checks that a generated password can be placed inside a quoted SQL literal as it is.
     *
     * @param password the password
     * @return the password
     * @throws IllegalArgumentException if it holds anything but ASCII letters and digits
     */
    static String requireLiteralSafe(String password) {
        if (password == null || password.isEmpty() || !password.chars().allMatch(
                c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            throw new IllegalArgumentException("a generated password must be letters and digits");
        }
        return password;
    }
}
