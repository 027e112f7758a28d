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
}
