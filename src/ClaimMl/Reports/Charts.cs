namespace ClaimMl.Reports;

/// <summary>The charts of <see cref="EvaluationReport"/>, as inline SVG with a text alternative.</summary>
internal static class Charts
{
    private const string Fg = "#1f2328";
    private const string Muted = "#57606a";
    private const string Grid = "#d0d7de";
    private const string Accent = "#0b57d0";

    /// <summary>
    /// A confusion-matrix heat map: rows gold, columns predicted, each cell shaded by its share of the gold
    /// row and labeled with its count. Every cell carries <c>data-gold</c>, <c>data-predicted</c> and <c>data-count</c>.
    /// </summary>
    public static void WriteHeatMap(TextWriter w, string id, string[] labels, int[,] confusion)
    {
        int k = labels.Length;
        const int cell = 84, left = 116, top = 52;
        int width = left + k * cell + 8, height = top + k * cell + 8;
        int total = 0;
        foreach (int n in confusion)
        {
            total += n;
        }
        w.Write($"<figure class=\"heatmap\" id=\"{id}\">\n");
        w.Write($"<svg role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        w.Write($"<title id=\"{id}-t\">Confusion matrix, rows gold, columns predicted</title>\n<desc id=\"{id}-d\">");
        for (int g = 0; g < k; g++)
        {
            w.Write($"Gold {Html.Text(labels[g])}: ");
            w.Write(string.Join(", ", Enumerable.Range(0, k).Select(p => $"{Html.Count(confusion[g, p])} predicted {Html.Text(labels[p])}")));
            w.Write(". ");
        }
        w.Write("</desc>\n");
        w.Write($"<text x=\"{left + k * cell / 2}\" y=\"16\" text-anchor=\"middle\" font-size=\"13\" fill=\"{Muted}\">predicted (columns)</text>\n");
        w.Write($"<text transform=\"translate(14 {top + k * cell / 2}) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\" fill=\"{Muted}\">gold (rows)</text>\n");
        for (int p = 0; p < k; p++)
        {
            w.Write($"<text x=\"{left + p * cell + cell / 2}\" y=\"{top - 10}\" text-anchor=\"middle\" font-size=\"13\" fill=\"{Fg}\">{Html.Text(Shorten(labels[p], 12))}</text>\n");
        }
        for (int g = 0; g < k; g++)
        {
            int rowTotal = 0;
            for (int p = 0; p < k; p++)
            {
                rowTotal += confusion[g, p];
            }
            w.Write($"<text x=\"{left - 8}\" y=\"{top + g * cell + cell / 2 + 4}\" text-anchor=\"end\" font-size=\"13\" fill=\"{Fg}\">{Html.Text(Shorten(labels[g], 14))}</text>\n");
            for (int p = 0; p < k; p++)
            {
                int n = confusion[g, p];
                double share = rowTotal == 0 ? 0 : (double)n / rowTotal;
                var (fill, ink) = Shade(share);
                int x = left + p * cell, y = top + g * cell;
                string percent = Html.Number(100 * share, "0") + "%";
                w.Write($"<g class=\"cell\" data-gold=\"{Html.Text(labels[g])}\" data-predicted=\"{Html.Text(labels[p])}\" data-count=\"{n}\">");
                w.Write($"<title>gold {Html.Text(labels[g])}, predicted {Html.Text(labels[p])}: {Html.Count(n)} ({percent} of gold {Html.Text(labels[g])})</title>");
                w.Write($"<rect x=\"{x + 1}\" y=\"{y + 1}\" width=\"{cell - 2}\" height=\"{cell - 2}\" rx=\"4\" fill=\"{fill}\"{(g == p ? $" stroke=\"{Fg}\" stroke-width=\"2\"" : "")}/>");
                w.Write($"<text class=\"count\" x=\"{x + cell / 2}\" y=\"{y + cell / 2 + 2}\" text-anchor=\"middle\" font-size=\"19\" font-weight=\"700\" fill=\"{ink}\">{Html.Count(n)}</text>");
                w.Write($"<text x=\"{x + cell / 2}\" y=\"{y + cell / 2 + 22}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{ink}\">{percent}</text>");
                w.Write("</g>\n");
            }
        }
        w.Write("</svg>\n");
        w.Write($"<figcaption>Confusion matrix of {Html.Count(total)} items: rows are the gold labels, columns the predicted ones; the count is in each cell, shaded by its share of the gold row; the diagonal (outlined) is correct.</figcaption>\n</figure>\n");
    }

    /// <summary>
    /// A reliability diagram: per confidence bin (10 equal-width bins), the observed accuracy as a bar and
    /// the mean confidence against the accuracy as a dot sized by the bin's count; the diagonal is perfect calibration.
    /// </summary>
    public static void WriteReliability(TextWriter w, string id, (int Count, double Confidence, double Accuracy)[] bins, double ece)
    {
        const int left = 56, top = 14, size = 300, bottom = 48, right = 14;
        int width = left + size + right, height = top + size + bottom;
        double X(double v) => left + v * size;
        double Y(double v) => top + (1 - v) * size;
        string N(double v) => Html.Number(v, "0.##");
        int total = bins.Sum(b => b.Count);
        int max = bins.Length == 0 ? 0 : bins.Max(b => b.Count);

        w.Write($"<figure class=\"reliability\" id=\"{id}\" data-ece=\"{Html.Number(ece, "0.0000")}\">\n");
        w.Write($"<svg role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        w.Write($"<title id=\"{id}-t\">Reliability diagram: predicted confidence against observed accuracy; expected calibration error {Html.Number(ece, "0.000")}</title>\n<desc id=\"{id}-d\">");
        w.Write(string.Join("; ", bins.Select((b, i) => (b, i)).Where(x => x.b.Count > 0)
            .Select(x => $"confidence {Html.Number(x.i / (double)bins.Length, "0.0")} to {Html.Number((x.i + 1) / (double)bins.Length, "0.0")}: {Html.Count(x.b.Count)} items, mean confidence {Html.Number(x.b.Confidence, "0.000")}, accuracy {Html.Number(x.b.Accuracy, "0.000")}")));
        w.Write("</desc>\n");
        for (int t = 0; t <= 5; t++)
        {
            double v = t / 5.0;
            w.Write($"<line x1=\"{N(X(0))}\" y1=\"{N(Y(v))}\" x2=\"{N(X(1))}\" y2=\"{N(Y(v))}\" stroke=\"{Grid}\" stroke-width=\"1\"/>");
            w.Write($"<line x1=\"{N(X(v))}\" y1=\"{N(Y(0))}\" x2=\"{N(X(v))}\" y2=\"{N(Y(1))}\" stroke=\"{Grid}\" stroke-width=\"1\"/>");
            w.Write($"<text x=\"{N(X(0) - 6)}\" y=\"{N(Y(v) + 4)}\" text-anchor=\"end\" font-size=\"12\" fill=\"{Muted}\">{Html.Number(v, "0.0")}</text>");
            w.Write($"<text x=\"{N(X(v))}\" y=\"{N(Y(0) + 16)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{Muted}\">{Html.Number(v, "0.0")}</text>\n");
        }
        w.Write($"<text x=\"{N(X(0.5))}\" y=\"{height - 8}\" text-anchor=\"middle\" font-size=\"13\" fill=\"{Fg}\">predicted confidence</text>\n");
        w.Write($"<text transform=\"translate(16 {N(Y(0.5))}) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\" fill=\"{Fg}\">observed accuracy</text>\n");
        w.Write($"<line x1=\"{N(X(0))}\" y1=\"{N(Y(0))}\" x2=\"{N(X(1))}\" y2=\"{N(Y(1))}\" stroke=\"{Muted}\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>\n");
        var points = new List<string>();
        for (int b = 0; b < bins.Length; b++)
        {
            var (count, confidence, accuracy) = bins[b];
            if (count == 0)
            {
                continue;
            }
            double lo = b / (double)bins.Length, hi = (b + 1) / (double)bins.Length;
            w.Write($"<g class=\"bin\" data-bin=\"{b}\" data-count=\"{count}\" data-confidence=\"{Html.Number(confidence, "0.0000")}\" data-accuracy=\"{Html.Number(accuracy, "0.0000")}\">");
            w.Write($"<title>confidence {Html.Number(lo, "0.0")}–{Html.Number(hi, "0.0")}: {Html.Count(count)} items, mean confidence {Html.Number(confidence, "0.000")}, accuracy {Html.Number(accuracy, "0.000")}</title>");
            w.Write($"<rect x=\"{N(X(lo) + 2)}\" y=\"{N(Y(accuracy))}\" width=\"{N(X(hi) - X(lo) - 4)}\" height=\"{N(Y(0) - Y(accuracy))}\" fill=\"{Accent}\" fill-opacity=\"0.28\" stroke=\"{Accent}\" stroke-width=\"1\"/>");
            double radius = 3 + 6 * Math.Sqrt(count / (double)Math.Max(1, max));
            w.Write($"<circle cx=\"{N(X(confidence))}\" cy=\"{N(Y(accuracy))}\" r=\"{N(radius)}\" fill=\"{Accent}\" stroke=\"#fff\" stroke-width=\"1.5\"/>");
            w.Write("</g>\n");
            points.Add($"{N(X(confidence))},{N(Y(accuracy))}");
        }
        if (points.Count > 1)
        {
            w.Write($"<polyline points=\"{string.Join(' ', points)}\" fill=\"none\" stroke=\"{Accent}\" stroke-width=\"1.5\"/>\n");
        }
        w.Write($"<text x=\"{N(X(0) + 8)}\" y=\"{N(Y(1) + 18)}\" font-size=\"14\" font-weight=\"700\" fill=\"{Fg}\">ECE {Html.Number(ece, "0.000")}</text>\n");
        w.Write("</svg>\n");
        w.Write($"<figcaption>Reliability of the confidence over {Html.Count(total)} items: bars are the observed accuracy in each of {bins.Length} equal-width confidence bins, dots the bins' mean confidence (sized by count); on the dashed diagonal the confidence would be exactly right. Expected calibration error (ECE, the count-weighted mean gap): <strong>{Html.Number(ece, "0.000")}</strong>.</figcaption>\n");
        w.Write("<details><summary>The bins as a table</summary><div class=\"table-wrap\"><table class=\"bins\"><thead><tr><th scope=\"col\">confidence</th><th scope=\"col\" class=\"num\">n</th><th scope=\"col\" class=\"num\">mean confidence</th><th scope=\"col\" class=\"num\">accuracy</th></tr></thead><tbody>\n");
        for (int b = 0; b < bins.Length; b++)
        {
            if (bins[b].Count > 0)
            {
                w.Write($"<tr><th scope=\"row\">{Html.Number(b / (double)bins.Length, "0.0")}–{Html.Number((b + 1) / (double)bins.Length, "0.0")}</th><td class=\"num\">{Html.Count(bins[b].Count)}</td><td class=\"num\">{Html.Number(bins[b].Confidence, "0.000")}</td><td class=\"num\">{Html.Number(bins[b].Accuracy, "0.000")}</td></tr>\n");
            }
        }
        w.Write("</tbody></table></div></details>\n</figure>\n");
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>A fill from light grey (share 0) to dark blue (share 1), and the text colour of higher contrast on it.</summary>
    private static (string Fill, string Ink) Shade(double share)
    {
        (double r0, double g0, double b0) = (246, 248, 250);
        (double r1, double g1, double b1) = (10, 48, 105);
        double t = Math.Clamp(share, 0, 1);
        int r = (int)Math.Round(r0 + (r1 - r0) * t), g = (int)Math.Round(g0 + (g1 - g0) * t), b = (int)Math.Round(b0 + (b1 - b0) * t);
        double lum = Luminance(r, g, b);
        double withWhite = 1.05 / (lum + 0.05);
        double withDark = (lum + 0.05) / (Luminance(0x1f, 0x23, 0x28) + 0.05);
        return ($"#{r:x2}{g:x2}{b:x2}", withWhite >= withDark ? "#ffffff" : Fg);
    }

    private static double Luminance(int r, int g, int b)
    {
        static double Channel(int c)
        {
            double s = c / 255.0;
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(r) + 0.7152 * Channel(g) + 0.0722 * Channel(b);
    }
}
