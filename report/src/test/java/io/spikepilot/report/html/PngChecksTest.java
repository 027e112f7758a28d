package io.spikepilot.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The screenshot check finds a figure where it is drawn and nowhere else, so a page without it fails. */
class PngChecksTest {
    private static BufferedImage figure() {
        BufferedImage f = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = f.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 120, 80);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(0x1f77b4 + i * 0x010203));
            g.drawLine(i * 3, 0, 119 - i, 79);
        }
        g.dispose();
        return f;
    }

    private static BufferedImage page(BufferedImage figure, int x, int y) {
        BufferedImage page = new BufferedImage(400, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 600);
        if (figure != null) {
            g.drawImage(figure, x, y, null);
        }
        g.dispose();
        return page;
    }

    @Test
    void aFigureIsFoundWhereItIsDrawn() {
        assertEquals(new Point(57, 333), PngChecks.find(page(figure(), 57, 333), figure()));
    }

    @Test
    void aPageWithoutTheFigureOrWithAnotherOneDoesNotPass() {
        assertNull(PngChecks.find(page(null, 0, 0), figure()));
        BufferedImage other = figure();
        other.setRGB(60, 16, 0x000000);
        assertNull(PngChecks.find(page(other, 10, 10), figure()));
    }
}
