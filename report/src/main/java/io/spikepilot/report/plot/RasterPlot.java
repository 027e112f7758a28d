package io.spikepilot.report.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An event raster rendered to PNG: time along x, one row per source (a neuron) along y, sources grouped in bands (a
 * network layer each, in its own colour). Where a pixel column holds one sample the picture is the raster itself;
 * where it holds many (a whole flight in a few hundred pixels), a pixel's shade is the share of those samples with
 * an event, so the density stays truthful at any zoom.
 */
public final class RasterPlot {
    /**
     * One band: {@code rows} sources, and at sample {@code i} source {@code r} fired when bit {@code r % 64} of
     * {@code bits[i · wordsPerSample + r / 64]} is set.
     */
    private record Band(String name, int rows, long[] bits, int wordsPerSample) {
    }

    private final String title;
    private final String xLabel;
    private final double[] x;
    private final List<Band> bands = new ArrayList<>();

    /** A raster over samples at times {@code x} (ascending). */
    public RasterPlot(String title, String xLabel, double[] x) {
        this.title = title;
        this.xLabel = xLabel;
        this.x = x.clone();
    }

    /** Adds a band of {@code rows} sources; {@code bits} holds {@code wordsPerSample} words per sample. */
    public RasterPlot band(String name, int rows, long[] bits, int wordsPerSample) {
        if (rows < 1 || wordsPerSample * 64 < rows || bits.length < (long) x.length * wordsPerSample) {
            throw new IllegalArgumentException(String.format("raster band '%s': %d rows need %d words per sample "
                    + "and %d samples × words of bits, found %d words per sample and %d words", name, rows,
                    (rows + 63) / 64, x.length, wordsPerSample, bits.length));
        }
        bands.add(new Band(name, rows, bits, wordsPerSample));
        return this;
    }

    public void writePng(Path file) throws IOException {
        ChartFrame f = new ChartFrame(bands.stream().map(Band::name).toList());
        int totalRows = bands.stream().mapToInt(Band::rows).sum();
        f.yAxis(0, Math.max(1, totalRows), false);
        ChartFrame.XAxis axis = f.sampleAxis(x);
        // samples and events per (pixel column, source row)
        int columns = f.plotW;
        int[] samplesPerColumn = new int[columns];
        int[] column = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            column[i] = Math.min(columns - 1, Math.max(0, (int) ((x[i] - axis.min()) / axis.span() * columns)));
            samplesPerColumn[column[i]]++;
        }
        int[] events = new int[columns * Math.max(1, totalRows)];
        int rowBase = 0;
        for (Band b : bands) {
            for (int i = 0; i < x.length; i++) {
                int base = i * b.wordsPerSample;
                int cell = column[i] * totalRows + rowBase;
                for (int w = 0; w < b.wordsPerSample; w++) {
                    long word = b.bits[base + w];
                    while (word != 0) {
                        int r = w * 64 + Long.numberOfTrailingZeros(word);
                        word &= word - 1;
                        if (r < b.rows) {
                            events[cell + r]++;
                        }
                    }
                }
            }
            rowBase += b.rows;
        }
        rowBase = 0;
        for (int k = 0; k < bands.size(); k++) {
            Band b = bands.get(k);
            Color c = ChartFrame.colour(k);
            for (int r = 0; r < b.rows; r++) {
                int row = rowBase + r;
                int yTop = f.py(row + 1);
                int yBottom = Math.max(yTop + 1, f.py(row));
                for (int col = 0; col < columns; col++) {
                    int n = events[col * totalRows + row];
                    if (n == 0) {
                        continue;
                    }
                    int rgb = shade(c, (double) n / samplesPerColumn[col]);
                    for (int y = yTop; y < yBottom; y++) {
                        f.image.setRGB(f.left + col, y, rgb);
                    }
                }
            }
            rowBase += b.rows;
            if (k > 0) {
                f.g.setColor(Color.GRAY);
                int y = f.py(rowBase - b.rows);
                f.g.drawLine(f.left, y, f.left + f.plotW, y);
            }
            f.g.setColor(c);
            f.g.fillRect(f.legendKeyX(), f.legendRowY(k) - 6, f.legendKeyWidth(), 12);
            f.legendText(k, b.name);
        }
        f.frame(title, xLabel, "neuron (layers stacked from the bottom)");
        f.writePng(file);
    }

    /** {@code c} faded towards white by the share of samples with an event (at least a fifth, so one is seen). */
    static int shade(Color c, double share) {
        double a = 0.2 + 0.8 * Math.min(1, share);
        int r = (int) Math.round(255 - a * (255 - c.getRed()));
        int g = (int) Math.round(255 - a * (255 - c.getGreen()));
        int b = (int) Math.round(255 - a * (255 - c.getBlue()));
        return r << 16 | g << 8 | b;
    }
}
