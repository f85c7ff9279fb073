package io.shardgate.sql;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The text handed to Calcite for one statement, with the way back: every piece of it remembers
 * the original token it was written for, so a Calcite position (line 1, column c: the text is one
 * line) maps to a token of the original statement. Pieces that were invented (e.g. the
 * {@code SELECT 1 FROM} put in front of a DELETE's table list) map to -1.
 */
final class CalciteText {

    private final String text;
    private final int[] pieceStart;
    private final int[] pieceToken;
    private final int pieces;

    CalciteText(String text, int[] pieceStart, int[] pieceToken, int pieces) {
        this.text = text;
        this.pieceStart = pieceStart;
        this.pieceToken = pieceToken;
        this.pieces = pieces;
    }

    String text() {
        return text;
    }

    /** Offset in {@link #text()} of a Calcite position (1-based line and column). */
    int offset(int line, int column) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int nl = text.indexOf('\n', offset);
            if (nl < 0) {
                break;
            }
            offset = nl + 1;
        }
        return offset + column - 1;
    }

    /** Piece containing the offset (the last one starting at or before it). */
    private int pieceAt(int offset) {
        int lo = 0;
        int hi = pieces - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (pieceStart[mid] <= offset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Original token where a node starts; invented pieces resolve to the next real token. */
    int startToken(SqlNode node) {
        SqlParserPos pos = node.getParserPosition();
        int piece = pieceAt(offset(pos.getLineNum(), pos.getColumnNum()));
        for (int p = Math.max(piece, 0); p < pieces; p++) {
            if (pieceToken[p] >= 0) {
                return pieceToken[p];
            }
        }
        return -1;
    }

    /** Original token where a node ends (inclusive); invented pieces resolve to the previous real token. */
    int endToken(SqlNode node) {
        SqlParserPos pos = node.getParserPosition();
        int piece = pieceAt(offset(pos.getEndLineNum(), pos.getEndColumnNum()));
        for (int p = piece; p >= 0; p--) {
            if (pieceToken[p] >= 0) {
                return pieceToken[p];
            }
        }
        return -1;
    }

    /** Original token at a Calcite position, or -1 when that text was invented. */
    int tokenAt(int line, int column) {
        int piece = pieceAt(offset(line, column));
        return piece < 0 ? -1 : pieceToken[piece];
    }

    @Override
    public String toString() {
        return text;
    }
}
