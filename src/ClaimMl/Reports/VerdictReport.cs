using ClaimMl.Text;

namespace ClaimMl.Reports;

/// <summary>
/// A self-contained HTML page of checked claims, for people to read: the counts per verdict, what each
/// source supported and refuted, the model and the time of the run, then either the checked text with
/// every sentence highlighted by its verdict (<see cref="ForText"/>) or a sortable table of claims
/// (<see cref="ForClaims"/>). Selecting a sentence or a claim shows its verdict, confidence and, per source,
/// the stance, the four probabilities and the evidence sentence. The page loads nothing (inline CSS, inline
/// SVG, one inline script allowed by hash), works from <c>file://</c>, and escapes every piece of input text.
/// </summary>
/// <example>
/// <code>
/// IReadOnlyList&lt;ClaimResult&gt; results = checker.CheckText(answer, sources);
/// var report = VerdictReport.ForText(answer, results);
/// report.Model = ReportModel.ForEmbeddedJudge(); // the default checker's judge decided the verdicts
/// report.CreatedAt = DateTimeOffset.UtcNow;
/// report.Write(writer); // e.g. an HttpResponse's body writer, or a StreamWriter
/// </code>
/// </example>
public sealed class VerdictReport
{
    private readonly IReadOnlyList<ClaimResult> _results;
    private readonly IReadOnlyList<string> _ids;
    private readonly string? _text;
    private readonly IReadOnlyList<TextSpan>? _spans;

    private VerdictReport(IReadOnlyList<ClaimResult> results, IReadOnlyList<string> ids, string? text, IReadOnlyList<TextSpan>? spans)
    {
        _results = results;
        _ids = ids;
        _text = text;
        _spans = spans;
    }

    /// <summary>
    /// A report of a whole text checked sentence by sentence: the text as written, each checked sentence
    /// highlighted in place by its verdict.
    /// </summary>
    /// <param name="text">The text given to <see cref="ClaimChecker.CheckText"/>.</param>
    /// <param name="results">What <see cref="ClaimChecker.CheckText"/> returned for it: one result per sentence, in order.</param>
    /// <exception cref="ArgumentException">The results are not one per sentence of <paramref name="text"/>, in order.</exception>
    public static VerdictReport ForText(string text, IReadOnlyList<ClaimResult> results)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(results);
        List<TextSpan> spans = SentenceSplitter.Split(text);
        if (spans.Count != results.Count)
        {
            throw new ArgumentException($"The text has {spans.Count} sentences but {results.Count} results were given; pass what CheckText returned for this text.", nameof(results));
        }
        for (int i = 0; i < spans.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(results[i], nameof(results));
            if (!text.AsSpan(spans[i].Start, spans[i].Length).SequenceEqual(results[i].Claim))
            {
                throw new ArgumentException($"Result {i} is not for sentence {i} of the text; pass what CheckText returned for this text.", nameof(results));
            }
        }
        var ids = Enumerable.Range(0, results.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new VerdictReport(results, ids, text, spans);
    }

    /// <summary>A report of separate claims, as a table sortable by verdict and confidence.</summary>
    /// <param name="results">The checked claims, in the order to list them.</param>
    /// <param name="ids">The claims' ids, one per result; when <see langword="null"/>, 1, 2, 3 and so on.</param>
    /// <exception cref="ArgumentException"><paramref name="ids"/> does not have one id per result.</exception>
    public static VerdictReport ForClaims(IReadOnlyList<ClaimResult> results, IReadOnlyList<string>? ids = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        foreach (ClaimResult result in results)
        {
            ArgumentNullException.ThrowIfNull(result, nameof(results));
        }
        if (ids is not null && ids.Count != results.Count)
        {
            throw new ArgumentException($"{ids.Count} ids were given for {results.Count} results.", nameof(ids));
        }
        ids ??= Enumerable.Range(1, results.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new VerdictReport(results, ids, null, null);
    }

    /// <summary>The page's heading and title.</summary>
    public string Title { get; set; } = "Claim check";

    /// <summary>What was checked, shown under the title (e.g. the text's or the claims' file name); none when <see langword="null"/>.</summary>
    public string? InputName { get; set; }

    /// <summary>Where the sources came from, shown under the title (e.g. a folder name); none when <see langword="null"/>.</summary>
    public string? SourcesName { get; set; }

    /// <summary>
    /// The sources' names, in the order they were checked; by default those of the first result
    /// (set them when there may be no result at all).
    /// </summary>
    public IReadOnlyList<string>? SourceNames { get; set; }

    /// <summary>The model that checked the claims; the model section is left out when <see langword="null"/>.</summary>
    public ReportModel? Model { get; set; }

    /// <summary>When the check ran; not shown when <see langword="null"/>.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>
    /// The verdict each claim was expected to get (e.g. a labeled claims file's <c>expected</c>), one per result,
    /// <see langword="null"/> where a claim has none. When set, the table of claims (<see cref="ForClaims"/>) gets an
    /// <i>expected</i> column marking each claim ✓ or ✗.
    /// </summary>
    /// <exception cref="ArgumentException">Set to a list that does not have one entry per result.</exception>
    public IReadOnlyList<Verdict?>? Expected
    {
        get => _expected;
        set
        {
            if (value is not null && value.Count != _results.Count)
            {
                throw new ArgumentException($"{value.Count} expected verdicts were given for {_results.Count} results.", nameof(value));
            }
            _expected = value;
        }
    }

    private IReadOnlyList<Verdict?>? _expected;

    /// <summary>
    /// The page as a string, e.g. for a web endpoint: <c>Results.Content(report.ToHtml(), "text/html; charset=utf-8")</c>
    /// (ASP.NET Core forbids synchronous writes to a response body).
    /// </summary>
    public string ToHtml() => ReportPage.Render(Write);

    /// <summary>Writes the page (UTF-8 HTML; the writer's encoding should be UTF-8).</summary>
    /// <param name="writer">Where to write; not closed.</param>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        bool textMode = _text is not null;
        string unit = textMode ? "sentence" : "claim";
        IReadOnlyList<string> sourceNames = SourceNames ?? (_results.Count > 0 ? _results[0].Sources.Select(s => s.Source).ToArray() : []);
        string title = InputName is null ? Title : $"{Title}: {InputName}";

        ReportPage.WriteStart(writer, title, withScript: true);
        writer.Write("<header role=\"banner\">\n<h1>" + Html.Text(title) + "</h1>\n<p class=\"meta\">");
        writer.Write($"<strong>{Html.Count(_results.Count)}</strong> {Plural(unit, _results.Count)} checked against <strong>{Html.Count(sourceNames.Count)}</strong> {Plural("source", sourceNames.Count)}");
        if (SourcesName is not null)
        {
            writer.Write(" from <strong>" + Html.Text(SourcesName) + "</strong>");
        }
        if (CreatedAt is DateTimeOffset time)
        {
            var (display, machine) = Html.Time(time);
            writer.Write($" · run at <time datetime=\"{machine}\">{display}</time>");
        }
        writer.Write("</p>\n</header>\n<main id=\"main\">\n");

        WriteSummary(writer, sourceNames, textMode);
        if (textMode)
        {
            WriteText(writer);
        }
        else
        {
            WriteTable(writer);
        }
        writer.Write("</main>\n");
        ReportPage.WriteEnd(writer, withScript: true);
    }

    private static string Plural(string word, int n) => n == 1 ? word : word + "s";

    private void WriteSummary(TextWriter w, IReadOnlyList<string> sourceNames, bool textMode)
    {
        w.Write("<section class=\"grid summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\" class=\"sr-only\">Summary</h2>\n<div>\n");
        w.Write("<h3 id=\"verdicts-h\">Verdicts</h3>\n<ul class=\"counts\" aria-labelledby=\"verdicts-h\">\n");
        foreach (Verdict v in new[] { Verdict.Confirmed, Verdict.Disputed, Verdict.Unverified })
        {
            int n = _results.Count(r => r.Verdict == v);
            w.Write($"<li class=\"v-{Html.Word(v)}\" data-verdict=\"{Html.Word(v)}\" data-count=\"{n}\">{Html.Icon(v)}<span>{Html.Title(v)}</span> <span class=\"n\">{Html.Count(n)}</span></li>\n");
        }
        w.Write("</ul>\n");
        w.Write("<div class=\"table-wrap\"><table class=\"source-summary\">\n<caption>Sources: of the " + Html.Count(_results.Count) + " " + Plural(textMode ? "sentence" : "claim", _results.Count) + ", how many each supported and refuted</caption>\n");
        w.Write("<thead><tr><th scope=\"col\">source</th><th scope=\"col\" class=\"num\">supported</th><th scope=\"col\" class=\"num\">refuted</th></tr></thead>\n<tbody>\n");
        for (int s = 0; s < sourceNames.Count; s++)
        {
            int supported = _results.Count(r => s < r.Sources.Count && r.Sources[s].Stance == Stance.Supports);
            int refuted = _results.Count(r => s < r.Sources.Count && r.Sources[s].Stance == Stance.Refutes);
            w.Write($"<tr data-supported=\"{supported}\" data-refuted=\"{refuted}\"><th scope=\"row\">{Html.Text(sourceNames[s])}</th><td class=\"num\">{Html.Count(supported)}</td><td class=\"num\">{Html.Count(refuted)}</td></tr>\n");
        }
        w.Write("</tbody></table></div>\n</div>\n<div>\n");
        WriteModel(w, Model, CreatedAt);
        w.Write("</div>\n</section>\n");
    }

    /// <summary>The model section shared with <see cref="EvaluationReport"/>.</summary>
    internal static void WriteModel(TextWriter w, ReportModel? model, DateTimeOffset? createdAt, int headingLevel = 3)
    {
        if (model is null && createdAt is null)
        {
            return;
        }
        w.Write($"<h{headingLevel} id=\"model-h\">Model and run</h{headingLevel}>\n<dl class=\"kv model\" aria-labelledby=\"model-h\">\n");
        if (model is not null)
        {
            w.Write("<dt>model</dt><dd class=\"model-name\">" + Html.Text(model.Name) + "</dd>\n");
            w.Write("<dt>SHA-256</dt><dd><code class=\"hash\">" + Html.Text(model.Sha256) + "</code></dd>\n");
        }
        if (createdAt is DateTimeOffset time)
        {
            var (display, machine) = Html.Time(time);
            w.Write($"<dt>run at</dt><dd><time datetime=\"{machine}\">{display}</time></dd>\n");
        }
        w.Write("</dl>\n");
        if (model is not null && model.Figures.Count > 0)
        {
            w.Write($"<details class=\"model-figures-box\"><summary>Recorded figures of this model ({Html.Count(model.Figures.Count)})</summary>\n");
            w.Write("<div class=\"table-wrap\"><table class=\"model-figures\">\n<caption class=\"sr-only\">Recorded figures of this model</caption>\n<tbody>\n");
            foreach (var (label, value) in model.Figures)
            {
                w.Write("<tr><th scope=\"row\">" + Html.Text(label) + "</th><td>" + Html.Text(value) + "</td></tr>\n");
            }
            w.Write("</tbody></table></div>\n</details>\n");
        }
        else if (model is not null)
        {
            w.Write("<p class=\"note\">No recorded figures for this model.</p>\n");
        }
    }

    private static void WriteLegend(TextWriter w, string unit)
    {
        w.Write("<ul class=\"legend\" aria-label=\"Legend\">\n");
        w.Write($"<li><span class=\"mark v-confirmed\">{Html.Icon(Verdict.Confirmed)}Confirmed</span> <span>solid underline: at least one source supports the {unit} and none refutes it.</span></li>\n");
        w.Write($"<li><span class=\"mark v-disputed\">{Html.Icon(Verdict.Disputed)}Disputed</span> <span>wavy underline: at least one source refutes it.</span></li>\n");
        w.Write($"<li><span class=\"mark v-unverified\">{Html.Icon(Verdict.Unverified)}Unverified</span> <span>dotted underline: no source takes a position; they only discuss it, or are unrelated.</span></li>\n");
        w.Write("</ul>\n");
    }

    private void WriteText(TextWriter w)
    {
        string text = _text!;
        w.Write("<div class=\"layout\">\n<section aria-labelledby=\"text-h\">\n<h2 id=\"text-h\">Text</h2>\n");
        WriteLegend(w, "sentence");
        w.Write("<p class=\"hint no-print\">Select a sentence (click it, or Tab to it) to see what each source says about it.</p>\n");
        w.Write("<div id=\"text\" class=\"text\">");
        int position = 0;
        for (int i = 0; i < _results.Count; i++)
        {
            TextSpan span = _spans![i];
            w.Write(Html.Text(text[position..span.Start]));
            ClaimResult r = _results[i];
            string verdict = Html.Word(r.Verdict);
            string label = $"Sentence {i + 1}: {verdict}, confidence {Html.Number(r.Confidence, "0.00")}. {r.Claim}";
            w.Write($"<span class=\"claim v-{verdict}\" role=\"button\" tabindex=\"0\" aria-expanded=\"false\" aria-controls=\"claim-{i}\" aria-label=\"{Html.Text(label)}\" data-claim=\"{i}\" data-id=\"{Html.Text(_ids[i])}\" data-verdict=\"{verdict}\" data-confidence=\"{Html.Number(r.Confidence, "0.0000")}\">");
            w.Write(Html.Icon(r.Verdict));
            w.Write(Html.Text(r.Claim));
            w.Write("</span>");
            position = span.End;
        }
        w.Write(Html.Text(text[position..]));
        w.Write("</div>\n</section>\n");
        w.Write("<aside class=\"details\" id=\"details\" aria-labelledby=\"details-h\">\n<div class=\"panel\">\n<h2 id=\"details-h\">What the sources say</h2>\n");
        w.Write("<p class=\"hint\" id=\"detail-hint\" hidden>Select a sentence of the text.</p>\n");
        for (int i = 0; i < _results.Count; i++)
        {
            WriteDetail(w, i, $"Sentence {i + 1}");
        }
        w.Write("</div>\n</aside>\n</div>\n");
    }

    private void WriteTable(TextWriter w)
    {
        w.Write("<section aria-labelledby=\"claims-h\">\n<h2 id=\"claims-h\">Claims</h2>\n");
        WriteLegend(w, "claim");
        w.Write("<p class=\"hint no-print\">Sort by verdict or confidence with the column buttons; select a claim to see what each source says about it.</p>\n");
        w.Write("<div class=\"table-wrap\"><table class=\"claims\" id=\"claims\">\n<thead><tr>");
        w.Write("<th scope=\"col\" data-sort=\"order\" aria-sort=\"none\"><button type=\"button\" class=\"sort\">id<span class=\"arrow\" aria-hidden=\"true\"></span></button></th>");
        w.Write("<th scope=\"col\">claim</th>");
        w.Write("<th scope=\"col\" data-sort=\"verdict-rank\" aria-sort=\"none\"><button type=\"button\" class=\"sort\">verdict<span class=\"arrow\" aria-hidden=\"true\"></span></button></th>");
        bool expectedColumn = _expected is not null && _expected.Any(v => v is not null);
        if (expectedColumn)
        {
            w.Write("<th scope=\"col\">expected</th>");
        }
        w.Write("<th scope=\"col\" class=\"num\" data-sort=\"confidence\" aria-sort=\"none\"><button type=\"button\" class=\"sort\">confidence<span class=\"arrow\" aria-hidden=\"true\"></span></button></th>");
        w.Write("</tr></thead>\n");
        for (int i = 0; i < _results.Count; i++)
        {
            ClaimResult r = _results[i];
            string verdict = Html.Word(r.Verdict);
            w.Write($"<tbody data-order=\"{i}\" data-verdict=\"{verdict}\" data-verdict-rank=\"{(int)r.Verdict}\" data-confidence=\"{Html.Number(r.Confidence, "0.0000")}\">\n<tr>");
            w.Write($"<td class=\"id\">{Html.Text(_ids[i])}</td>");
            w.Write($"<td class=\"claim-cell\"><button type=\"button\" class=\"claim v-{verdict}\" aria-controls=\"claim-{i}\" data-claim=\"{i}\">{Html.Icon(r.Verdict)}{Html.Text(r.Claim)}</button></td>");
            w.Write($"<td><span class=\"badge v-{verdict}\">{Html.Icon(r.Verdict)}{Html.Title(r.Verdict)}</span></td>");
            if (expectedColumn)
            {
                w.Write(_expected![i] is Verdict expected
                    ? $"<td class=\"expected\" data-expected=\"{Html.Word(expected)}\" data-as-expected=\"{(expected == r.Verdict ? "yes" : "no")}\">{Html.Word(expected)} {(expected == r.Verdict ? "✓" : "✗")}</td>"
                    : "<td class=\"expected\"></td>");
            }
            w.Write($"<td class=\"num\">{Html.Number(r.Confidence, "0.00")}</td></tr>\n");
            w.Write($"<tr class=\"detail-row\"><td colspan=\"{(expectedColumn ? 5 : 4)}\">");
            WriteDetail(w, i, "Claim " + _ids[i]);
            w.Write("</td></tr>\n</tbody>\n");
        }
        w.Write("</table></div>\n</section>\n");
    }

    private void WriteDetail(TextWriter w, int i, string heading)
    {
        ClaimResult r = _results[i];
        string verdict = Html.Word(r.Verdict);
        w.Write($"<article class=\"detail\" id=\"claim-{i}\" data-claim=\"{i}\" aria-labelledby=\"claim-{i}-h\">\n");
        w.Write($"<h3 id=\"claim-{i}-h\">{Html.Text(heading)}: <span class=\"badge v-{verdict}\">{Html.Icon(r.Verdict)}{Html.Title(r.Verdict)}</span> <span class=\"confidence\">confidence {Html.Number(r.Confidence, "0.00")}</span></h3>\n");
        w.Write($"<p class=\"said\">{Html.Text(r.Claim)}</p>\n<ul class=\"sources-said\">\n");
        foreach (SourceAssessment s in r.Sources)
        {
            string stance = Html.Word(s.Stance);
            w.Write($"<li data-stance=\"{stance}\"><div><span class=\"name\">{Html.Text(s.Source)}</span> <span class=\"stance s-{stance}\">{stance}</span></div>\n");
            w.Write("<dl class=\"probs\">");
            foreach (Stance option in new[] { Stance.Supports, Stance.Refutes, Stance.Discusses, Stance.Unrelated })
            {
                float p = s.Probabilities[option];
                string chosen = option == s.Stance ? " class=\"chosen\"" : "";
                string width = Html.Number(Math.Clamp(p, 0f, 1f) * 100, "0.##");
                w.Write($"<dt{chosen}>{Html.Word(option)}</dt><dd{chosen} data-p=\"{Html.Word(option)}\"><span class=\"p\">{Html.Number(p, "0.00")}</span></dd>");
                w.Write($"<dd{chosen}><svg class=\"bar\" viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"><rect class=\"track\" width=\"100\" height=\"8\" rx=\"2\"/><rect class=\"value\" width=\"{width}\" height=\"8\" rx=\"2\"/></svg></dd>");
            }
            w.Write("</dl>\n");
            if (s.Evidence is null)
            {
                w.Write("<p class=\"evidence none\">No sentence of this source shares a content word with it.</p>\n");
            }
            else
            {
                w.Write($"<blockquote class=\"evidence\">{Html.Text(s.Evidence)}</blockquote>\n");
            }
            w.Write("</li>\n");
        }
        w.Write("</ul>\n</article>\n");
    }
}
