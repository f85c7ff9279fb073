package io.shardgate.rules.config;

import java.util.Collection;
import java.util.Locale;

/** The closest allowed word to a misspelt one, for "did you mean 'shard-key'?" hints. */
final class DidYouMean {

    private DidYouMean() {
    }

    /** The nearest candidate within a few edits (case-insensitive), or null if none is close. */
    static String closest(String word, Collection<String> candidates) {
        String folded = word.toLowerCase(Locale.ROOT);
        int limit = folded.length() <= 3 ? 1 : folded.length() <= 6 ? 2 : 3;
        String best = null;
        int bestDistance = limit + 1;
        for (String candidate : candidates) {
            int distance = distance(folded, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** " did you mean 'x'?" or "" — to splice into a message after "is not …;". */
    static String hint(String word, Collection<String> candidates) {
        String closest = closest(word, candidates);
        return closest == null || closest.equals(word) ? "" : " did you mean '" + closest + "'?";
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
