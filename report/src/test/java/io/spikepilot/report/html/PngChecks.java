package io.spikepilot.report.html;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

/** What "a figure was drawn" means in these tests: many colours and a fair share of pixels that are not white. */
public final class PngChecks {
    private PngChecks() {
    }

    /** Distinct RGB colours in the rectangle. */
    public static int colours(BufferedImage image, int x0, int y0, int w, int h) {
        Set<Integer> seen = new HashSet<>();
        for (int y = y0; y < Math.min(image.getHeight(), y0 + h); y++) {
            for (int x = x0; x < Math.min(image.getWidth(), x0 + w); x++) {
                seen.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return seen.size();
    }

    /** Share of pixels in the rectangle that are not (near) white. */
    public static double inked(BufferedImage image, int x0, int y0, int w, int h) {
        long ink = 0;
        long all = 0;
        for (int y = y0; y < Math.min(image.getHeight(), y0 + h); y++) {
            for (int x = x0; x < Math.min(image.getWidth(), x0 + w); x++) {
                int rgb = image.getRGB(x, y);
                int min = Math.min(rgb >> 16 & 0xff, Math.min(rgb >> 8 & 0xff, rgb & 0xff));
                ink += min < 235 ? 1 : 0;
                all++;
            }
        }
        return all == 0 ? 0 : (double) ink / all;
    }

    /**
     * Where {@code figure} appears pixel for pixel in {@code screen} (a page screenshot showing it at 1:1), as the
     * screen position of its top-left corner, or null. Matches its most colourful row first, then confirms the rows
     * a fifth and four fifths of the way down.
     */
    public static java.awt.Point find(BufferedImage screen, BufferedImage figure) {
        int fw = figure.getWidth();
        int fh = figure.getHeight();
        int key = 0;
        int best = -1;
        for (int y = 0; y < fh; y++) {
            int c = colours(figure, 0, y, fw, 1);
            if (c > best) {
                best = c;
                key = y;
            }
        }
        int[] keyRow = figure.getRGB(0, key, fw, 1, null, 0, fw);
        int first = 0;
        while (first < fw && (keyRow[first] & 0xffffff) == 0xffffff) {
            first++;
        }
        for (int y = key; y <= screen.getHeight() - (fh - key); y++) {
            int[] row = screen.getRGB(0, y, screen.getWidth(), 1, null, 0, screen.getWidth());
            for (int x = 0; x + fw <= row.length; x++) {
                if (((row[x + first] ^ keyRow[first]) & 0xffffff) != 0 || !rowMatches(row, x, keyRow)) {
                    continue;
                }
                int top = y - key;
                if (rowMatches(screen, figure, x, top, fh / 5) && rowMatches(screen, figure, x, top, fh * 4 / 5)) {
                    return new java.awt.Point(x, top);
                }
            }
        }
        return null;
    }

    private static boolean rowMatches(int[] row, int x, int[] figureRow) {
        for (int i = 0; i < figureRow.length; i++) {
            if (((row[x + i] ^ figureRow[i]) & 0xffffff) != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean rowMatches(BufferedImage screen, BufferedImage figure, int x, int top, int y) {
        int w = figure.getWidth();
        return rowMatches(screen.getRGB(x, top + y, w, 1, null, 0, w), 0, figure.getRGB(0, y, w, 1, null, 0, w));
    }
}
