package dev.loupe.app.render;

import java.util.Locale;

/// A [Surface] that writes SVG elements in diagram units (the document's `viewBox` does the scaling).
final class SvgSurface implements Surface {

    private final StringBuilder out;
    private String fill = "#000000";
    private String fillOpacity = "";
    private String stroke = "#000000";
    private double strokeWidth = 1;

    SvgSurface(StringBuilder out) {
        this.out = out;
    }

    @Override
    public double pixel() {
        return 1;
    }

    @Override
    public void setFill(int argb) {
        fill = hex(argb);
        int alpha = (argb >>> 24) & 0xFF;
        fillOpacity = alpha == 0xFF ? "" : " fill-opacity=\"" + num(alpha / 255.0) + "\"";
    }

    @Override
    public void setStroke(int argb, double pixels) {
        stroke = hex(argb);
        strokeWidth = pixels;
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append("\" fill=\"").append(fill).append('"').append(fillOpacity)
                .append("/>\n");
    }

    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arc) {
        out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append("\" rx=\"").append(num(arc / 2)).append("\" fill=\"")
                .append(fill).append('"').append(fillOpacity).append("/>\n");
    }

    @Override
    public void strokeRoundRect(double x, double y, double w, double h, double arc) {
        out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append("\" rx=\"").append(num(arc / 2))
                .append("\" fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(num(strokeWidth))
                .append("\"/>\n");
    }

    @Override
    public void polyline(double[] points) {
        out.append("<polyline points=\"");
        for (int k = 0; k + 1 < points.length; k += 2) {
            if (k > 0) {
                out.append(' ');
            }
            out.append(num(points[k])).append(',').append(num(points[k + 1]));
        }
        out.append("\" fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(num(strokeWidth))
                .append("\"/>\n");
    }

    @Override
    public void fillTriangle(double x0, double y0, double x1, double y1, double x2, double y2) {
        out.append("<polygon points=\"").append(num(x0)).append(',').append(num(y0)).append(' ').append(num(x1))
                .append(',').append(num(y1)).append(' ').append(num(x2)).append(',').append(num(y2))
                .append("\" fill=\"").append(fill).append("\"/>\n");
    }

    @Override
    public void text(String text, double x, double y, double size, boolean bold) {
        out.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" font-size=\"").append(num(size))
                .append('"').append(bold ? " font-weight=\"bold\"" : "").append(" fill=\"").append(fill).append("\">")
                .append(escape(text)).append("</text>\n");
    }

    static String escape(String s) {
        var b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    static String hex(int argb) {
        return String.format(Locale.ROOT, "#%06x", argb & 0xFFFFFF);
    }

    static String num(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
