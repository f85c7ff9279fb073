package io.shardgate.proxy.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --shutdown-timeout}: {@code 30s}, {@code 2m}, {@code 500ms}, or plain seconds ({@code 30}). */
final class ShutdownTimeout {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

    private ShutdownTimeout() {
    }

    static Duration parse(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("--shutdown-timeout " + text + " is not a duration; expected a number "
                    + "with ms, s or m, e.g. 30s");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
