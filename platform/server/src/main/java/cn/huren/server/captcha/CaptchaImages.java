package cn.huren.server.captcha;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.random.RandomGenerator;
import javax.imageio.ImageIO;

/** Draws a captcha's text as a PNG: each character turned and shifted, over and under noise lines and dots. */
final class CaptchaImages {

    static final int WIDTH = 120;
    static final int HEIGHT = 40;

    static {
        // a server has no display; java.awt must not look for one (the server may start without the flag)
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private CaptchaImages() {
    }

    /** The PNG bytes of {@code text}; {@code random} only decides the look, never the text. */
    static byte[] png(String text, RandomGenerator random) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(240 + random.nextInt(16), 240 + random.nextInt(16), 240 + random.nextInt(16)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            lines(g, random, 4, 140, 210);
            characters(g, text, random);
            lines(g, random, 3, 60, 150);
            dots(g, random, 120);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a PNG in memory", e);
        }
        return out.toByteArray();
    }

    private static void characters(Graphics2D g, String text, RandomGenerator random) {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 26);
        int cell = (WIDTH - 10) / text.length();
        AffineTransform plain = g.getTransform();
        for (int i = 0; i < text.length(); i++) {
            g.setFont(font);
            g.setColor(new Color(random.nextInt(20, 120), random.nextInt(20, 120), random.nextInt(20, 120)));
            double x = 5 + i * cell + random.nextInt(-2, 3) + cell / 2.0;
            double y = HEIGHT / 2.0 + random.nextInt(-3, 4);
            g.translate(x, y);
            g.rotate(Math.toRadians(random.nextInt(-30, 31)));
            String c = String.valueOf(text.charAt(i));
            int w = g.getFontMetrics().stringWidth(c);
            g.drawString(c, -w / 2, g.getFontMetrics().getAscent() / 2 - 2);
            g.setTransform(plain);
        }
    }

    private static void lines(Graphics2D g, RandomGenerator random, int count, int low, int high) {
        for (int i = 0; i < count; i++) {
            g.setColor(new Color(random.nextInt(low, high), random.nextInt(low, high), random.nextInt(low, high)));
            g.setStroke(new BasicStroke(1f + random.nextFloat()));
            g.drawLine(random.nextInt(WIDTH), random.nextInt(HEIGHT), random.nextInt(WIDTH), random.nextInt(HEIGHT));
        }
    }

    private static void dots(Graphics2D g, RandomGenerator random, int count) {
        for (int i = 0; i < count; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillRect(random.nextInt(WIDTH), random.nextInt(HEIGHT), 1 + random.nextInt(2), 1 + random.nextInt(2));
        }
    }
}
