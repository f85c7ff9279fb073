package io.shardgate.deploy.check;

import java.util.regex.Pattern;

/** The Kubernetes name syntaxes (apimachinery's validation), for names, labels, ports and keys. */
enum Names {
    /** Most object names: lower-case alphanumerics, '-' and '.', at most 253. */
    DNS_SUBDOMAIN(Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"), 253,
            "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters"),
    /** Container names, volume names: lower-case alphanumerics and '-', at most 63. */
    DNS_LABEL(Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), 63,
            "lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"),
    /** Service names: a DNS label that starts with a letter. */
    DNS_1035_LABEL(Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?"), 63,
            "lower-case letters, digits and '-', starting with a letter, at most 63 characters"),
    /** Port names: at most 15, at least one letter, no "--". */
    PORT_NAME(Pattern.compile("(?=.*[a-z])(?!.*--)[a-z0-9]([-a-z0-9]*[a-z0-9])?"), 15,
            "at most 15 lower-case letters, digits and '-', with at least one letter and no '--'"),
    /** Label values (may be empty). */
    LABEL_VALUE(Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?"), 63,
            "at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit"),
    /** ConfigMap and Secret keys. */
    DATA_KEY(Pattern.compile("[-._a-zA-Z0-9]+"), 253, "letters, digits, '-', '_' and '.', at most 253 characters"),
    /** Environment variable names as the API accepts them. */
    ENV_NAME(Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*"), Integer.MAX_VALUE,
            "letters, digits, '_', '-' and '.', not starting with a digit");

    private final Pattern pattern;
    private final int maxLength;
    private final String rule;

    Names(Pattern pattern, int maxLength, String rule) {
        this.pattern = pattern;
        this.maxLength = maxLength;
        this.rule = rule;
    }

    boolean accepts(String name) {
        return name != null && name.length() <= maxLength && pattern.matcher(name).matches();
    }

    String rule() {
        return rule;
    }
}
