/**
 * The replicator's machinery. Nothing under this package is part of the public API: it may
 * change in any release without notice. Users depend only on the {@code io.chameleon} package.
 */
package io.chameleon.internal;
