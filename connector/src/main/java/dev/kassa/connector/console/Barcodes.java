package dev.kassa.connector.console;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;

/**
 * Scannable barcodes for printed pages, drawn by ZXing (a well-kept library, not by hand) and written as
 * inline SVG, so they print sharp at any size and need no image endpoint.
 */
final class Barcodes {

    private Barcodes() {
    }

    /** {@code text} as a Code 128 barcode, {@code height} units tall, with ZXing's quiet zone on either side. */
    static String code128Svg(String text, int height) {
        BitMatrix bars = new Code128Writer().encode(text, BarcodeFormat.CODE_128, 0, height);
        int width = bars.getWidth();
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"barcode\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
                .append(text.replace("\"", "")).append("\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        int row = bars.getHeight() / 2;
        for (int x = 0; x < width; ) {
            if (!bars.get(x, row)) {
                x++;
                continue;
            }
            int start = x;
            while (x < width && bars.get(x, row)) {
                x++;
            }
            svg.append("<rect x=\"").append(start).append("\" width=\"").append(x - start).append("\" height=\"").append(height)
                    .append("\" fill=\"#000\"/>");
        }
        return svg.append("</svg>").toString();
    }
}
