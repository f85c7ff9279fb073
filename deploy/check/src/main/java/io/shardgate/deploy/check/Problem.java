package io.shardgate.deploy.check;

/**
 * One thing wrong in a deploy file, printed as {@code file:line:col: where: what is wrong; what is
 * expected} like {@code bin/shardgate validate} prints rule-file problems. Line 0 means the file
 * as a whole.
 */
public record Problem(String file, int line, int column, String where, String message) {

    static Problem inFile(String file, String where, String message) {
        return new Problem(file, 0, 0, where, message);
    }

    @Override
    public String toString() {
        String position = line > 0 ? ":" + line + ":" + column : "";
        String at = where == null || where.isEmpty() ? "" : " " + where + ":";
        return file + position + ":" + at + " " + message;
    }
}
