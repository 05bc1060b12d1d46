package io.gennas4j.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Command-line options {@code --name value} of the bench and score commands, checked against the
 * options their usage text documents: a mistyped option ({@code --arch 5}) is an error that names
 * it and the nearest documented one, instead of silently running the default budget. The bench's
 * subcommands share one usage text, so an option of another subcommand passes the check (and is
 * ignored); what is caught is a name no subcommand has.
 */
final class Options {

    private static final Pattern OPTION = Pattern.compile("--([a-z][a-z0-9-]*)");

    private Options() {}

    /** Every {@code --name} the usage text mentions. */
    static Set<String> documented(String usage) {
        Set<String> out = new TreeSet<>();
        Matcher m = OPTION.matcher(usage);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * Parses {@code --name value} pairs ({@code flags} take no value and read as {@code "true"}).
     *
     * @param command what to name in errors ({@code environment/bench})
     * @throws IllegalArgumentException for a word that is not an option, an option without a value,
     *     or an option the usage does not document (with the nearest documented one)
     */
    static Map<String, String> parse(String[] args, String usage, String command, Set<String> flags) {
        Set<String> known = documented(usage);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || args[i].length() == 2) {
                throw new IllegalArgumentException("Bad argument '" + args[i] + "': options start with --");
            }
            String key = args[i].substring(2);
            if (!known.contains(key)) {
                throw new IllegalArgumentException("Unknown option --" + key + " for " + command + nearest(key, known));
            }
            if (flags.contains(key)) {
                m.put(key, "true");
            } else if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option --" + key + " needs a value");
            } else {
                m.put(key, args[++i]);
            }
        }
        return m;
    }

    private static String nearest(String key, Set<String> known) {
        LevenshteinDistance lev = LevenshteinDistance.getDefaultInstance();
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : known) {
            int d = lev.apply(key, k);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best != null && bestD <= Math.max(2, key.length() / 3) ? ": did you mean --" + best + "?" : "";
    }
}
