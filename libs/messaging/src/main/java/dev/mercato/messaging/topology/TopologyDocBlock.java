package dev.mercato.messaging.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated block in a Markdown document, between {@code <!-- topology:NAME -->} and {@code <!-- /topology:NAME -->}
 * lines. A test renders the topology and calls {@link #verify}: it fails when the block differs, and with
 * {@code -Dmercato.docs.update=true} rewrites the block instead.
 *
 * <pre>{@code
 * @Test
 * void docsShowTheCatalogTopology() {
 *     TopologyDocBlock.verify(TopologyDocBlock.find("docs/messaging.md"), "catalog", TopologyDoc.render(topology));
 * }
 * }</pre>
 */
public final class TopologyDocBlock {

    /** System property that makes {@link #verify} rewrite blocks instead of failing. */
    public static final String UPDATE_PROPERTY = "mercato.docs.update";

    private TopologyDocBlock() {}

    /** A file of the repository, looked up from the working directory upwards (a module's tests run in the module). */
    public static Path find(String relativePath) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relativePath);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(relativePath + " not found in " + Path.of("").toAbsolutePath() + " or above");
    }

    /** Fails with both versions when the block differs from {@code rendered}; rewrites it in update mode. */
    public static void verify(Path document, String name, String rendered) {
        String text = read(document);
        String open = "<!-- topology:" + name + " -->\n";
        String close = "<!-- /topology:" + name + " -->";
        int start = text.indexOf(open);
        int end = start < 0 ? -1 : text.indexOf(close, start);
        if (end < 0) {
            throw new AssertionError(document + " has no block '" + open.strip() + "' ... '" + close
                    + "'; add the two marker lines where the topology belongs and run with -D" + UPDATE_PROPERTY
                    + "=true");
        }
        String expected = rendered.strip() + "\n";
        String current = text.substring(start + open.length(), end);
        if (current.equals(expected)) {
            return;
        }
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            write(document, text.substring(0, start + open.length()) + expected + text.substring(end));
            return;
        }
        throw new AssertionError("The block topology:" + name + " in " + document + " is out of date. Regenerate it"
                + " with -D" + UPDATE_PROPERTY + "=true (e.g. mvn -pl libs/messaging verify -D" + UPDATE_PROPERTY
                + "=true).\n--- in the document:\n" + current + "--- rendered from the code:\n" + expected);
    }

    private static String read(Path document) {
        try {
            return Files.readString(document, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path document, String text) {
        try {
            Files.writeString(document, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
