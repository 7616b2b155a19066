package dev.mercato.catalog.concurrency;

import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code If-Match} precondition of a write: the versions the client last read ({@code "7"} from a write or admin
 * response, or {@code "7-en"} from a public read, whose tag also names the language), or {@code *} for whatever is
 * current. Weak tags never match, as RFC 9110 requires for {@code If-Match}. Writes apply it in their SQL ({@code ...
 * where id = ? and version in (...)}), so no one can change the row between the check and the write.
 *
 * @param any {@code *}: the write applies to the current version, whichever it is
 * @param versions the versions the write may replace; empty when only weak tags were sent
 */
public record IfMatch(boolean any, Set<Integer> versions) {

    public static final String HEADER = "If-Match";

    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7E]*)\"\\s*(,|$)");
    private static final Pattern OURS = Pattern.compile("([1-9][0-9]{0,8})(-[a-z]{2,8})?");

    public IfMatch {
        versions = Set.copyOf(versions);
    }

    /** The entity tag of a version, as write responses carry it. */
    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** 428 without the header, 400 when it is not an entity-tag list. */
    public static IfMatch parse(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(Problems.of(
                    ProblemType.PRECONDITION_REQUIRED,
                    "This write needs an If-Match header with the ETag you last read, so that it cannot overwrite a"
                            + " change you have not seen"));
        }
        if (header.strip().equals("*")) {
            return new IfMatch(true, Set.of());
        }
        Set<Integer> versions = new LinkedHashSet<>();
        Matcher tags = TAG.matcher(header);
        int at = 0;
        while (at < header.length()) {
            if (!tags.find(at) || tags.start() != at) {
                throw ProblemException.invalid(HEADER, "must be * or a list of entity tags such as \"3\"");
            }
            Matcher ours = OURS.matcher(tags.group(2));
            if (tags.group(1) == null && ours.matches()) {
                versions.add(Integer.parseInt(ours.group(1)));
            }
            at = tags.end();
            if (tags.group(3).isEmpty()) {
                break;
            }
        }
        return new IfMatch(false, versions);
    }

    public boolean matches(int version) {
        return any || versions.contains(version);
    }

    /** The versions to put in {@code version in (...)}; never empty, so the SQL stays valid (0 never exists). */
    public List<Integer> sqlVersions() {
        return versions.isEmpty() ? List.of(0) : List.copyOf(versions);
    }

    public static ProblemException stale(String what, Object id) {
        return new ProblemException(Problems.of(
                ProblemType.PRECONDITION_FAILED,
                what + " " + id + " has changed since you read it (If-Match does not match its ETag);"
                        + " read it again and reapply your change"));
    }
}
