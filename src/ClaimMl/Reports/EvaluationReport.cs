using ClaimMl.Evaluation;

namespace ClaimMl.Reports;

/// <summary>
/// A self-contained HTML page of evaluation figures, one section per labeled set: the figures that
/// <c>claimml evaluate</c> prints, a confusion-matrix heat map and a reliability diagram (predicted
/// confidence against observed accuracy, with the expected calibration error), drawn as inline SVG.
/// The page loads nothing and runs no script.
/// </summary>
/// <example>
/// <code>
/// var report = new EvaluationReport("Verdicts on our review queue");
/// report.AddLabeledSet("March", ["confirmed", "disputed", "unverified"], gold, predicted, confidence);
/// report.Write(writer);
/// </code>
/// </example>
public sealed class EvaluationReport
{
    private readonly List<EvaluationSection> _sections = [];

    /// <summary>An empty report.</summary>
    /// <param name="title">The page's heading and title.</param>
    public EvaluationReport(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        Title = title;
    }

    /// <summary>The page's heading and title.</summary>
    public string Title { get; }

    /// <summary>Where the labeled data came from, shown under the title (e.g. a folder name); none when <see langword="null"/>.</summary>
    public string? DataName { get; set; }

    /// <summary>The model evaluated; the model section is left out when <see langword="null"/>.</summary>
    public ReportModel? Model { get; set; }

    /// <summary>When the evaluation ran; not shown when <see langword="null"/>.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>The number of sets added.</summary>
    public int SetCount => _sections.Count;

    /// <summary>
    /// Adds a labeled set: accuracy, macro-F1, balanced accuracy, per-label F1 and recall, the majority
    /// baseline, the confusion matrix and the calibration of <paramref name="confidence"/> (10 equal-width bins).
    /// </summary>
    /// <param name="name">The set's name.</param>
    /// <param name="labels">The label names; gold and predicted labels are indices into them.</param>
    /// <param name="gold">The gold label of each item.</param>
    /// <param name="predicted">The predicted label of each item.</param>
    /// <param name="confidence">The confidence given to each prediction, between 0 and 1.</param>
    /// <exception cref="ArgumentException">The lists differ in length, or a label index is out of range.</exception>
    public void AddLabeledSet(string name, IReadOnlyList<string> labels, IReadOnlyList<int> gold, IReadOnlyList<int> predicted, IReadOnlyList<float> confidence)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(confidence);
        if (labels.Count == 0)
        {
            throw new ArgumentException("At least one label is needed.", nameof(labels));
        }
        if (gold.Count != predicted.Count || gold.Count != confidence.Count)
        {
            throw new ArgumentException($"gold ({gold.Count}), predicted ({predicted.Count}) and confidence ({confidence.Count}) must have one entry per item.", nameof(predicted));
        }
        for (int i = 0; i < gold.Count; i++)
        {
            if ((uint)gold[i] >= (uint)labels.Count || (uint)predicted[i] >= (uint)labels.Count)
            {
                throw new ArgumentException($"Item {i} has a label index outside 0..{labels.Count - 1}.", nameof(gold));
            }
        }
        Add(name, new VerdictMetrics(labels.ToArray(), gold, predicted, confidence), new Dictionary<string, int>());
    }

    /// <summary>Adds a claim set as <c>claimml evaluate --sets</c> scores it.</summary>
    internal void Add(ClaimSetReport report) => Add(report.Set.Name, report.Metrics, report.UnlabeledOutcomes);

    private void Add(string name, VerdictMetrics m, IReadOnlyDictionary<string, int> unlabeled)
    {
        var figures = new List<(string, string)>
        {
            ("n", Html.Count(m.Count)),
            ("accuracy", F(m.Accuracy)),
            ("macro-F1", F(m.MacroF1)),
            ("balanced accuracy", F(m.BalancedAccuracy)),
            ("majority baseline (acc. / macro-F1)", $"{m.MajorityLabel}: {F(m.MajorityAccuracy)} / {F(m.MajorityMacroF1)}"),
            ("ECE", F(m.ExpectedCalibrationError)),
        };
        var rows = new List<string[]>();
        for (int c = 0; c < m.Labels.Length; c++)
        {
            if (m.Support[c] > 0)
            {
                rows.Add([m.Labels[c], F(m.F1[c]), F(m.Recall[c]), Html.Count(m.Support[c])]);
            }
        }
        var notes = new List<string>();
        if (unlabeled.Count > 0)
        {
            notes.Add("Claims without a gold verdict came out: " +
                string.Join(", ", unlabeled.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {Html.Count(p.Value)}")) + ".");
        }
        _sections.Add(new EvaluationSection(name, figures, ["label", "F1", "recall", "support"], rows, m.Labels, m.Confusion, m.Reliability, m.ExpectedCalibrationError, notes));
    }

    /// <summary>Adds a stance split as <c>claimml evaluate --data</c> scores it; <paramref name="calibration"/> holds the probability of each predicted stance.</summary>
    internal void AddStances(string name, StanceMetrics m, VerdictMetrics calibration)
    {
        var figures = new List<(string, string)>
        {
            ("pairs", Html.Count(m.Count)),
            ("FNC score", $"{Html.Number(m.FncScore, "0.00")} of {Html.Number(m.FncMaxScore, "0.00")}"),
            ("relative score", Html.Number(m.FncRelative, "0.00") + "%"),
            ("accuracy", Html.Number(m.Accuracy, "0.0000")),
            ("macro-F1", Html.Number(m.MacroF1, "0.0000")),
            ("ECE", F(calibration.ExpectedCalibrationError)),
        };
        var rows = new List<string[]>();
        foreach (Stance s in StanceMetrics.Order)
        {
            ClassScores c = m[s];
            rows.Add([$"{MetricsJson.Word(s)} ({FncLabel(s)})", F(c.Precision), F(c.Recall), F(c.F1), Html.Count(c.Support)]);
        }
        string[] labels = StanceMetrics.Order.Select(MetricsJson.Word).ToArray();
        _sections.Add(new EvaluationSection(name, figures, ["stance (FNC-1)", "precision", "recall", "F1", "support"], rows, labels, m.Confusion,
            calibration.Reliability, calibration.ExpectedCalibrationError, []));
    }

    private static string FncLabel(Stance s) => s switch
    {
        Stance.Supports => "agree",
        Stance.Refutes => "disagree",
        Stance.Discusses => "discuss",
        _ => "unrelated",
    };

    private static string F(double v) => Html.Number(v, "0.000");

    /// <summary>The page as a string, e.g. for a web endpoint (see <see cref="VerdictReport.ToHtml"/>).</summary>
    public string ToHtml() => ReportPage.Render(Write);

    /// <summary>Writes the page (UTF-8 HTML; the writer's encoding should be UTF-8).</summary>
    /// <param name="writer">Where to write; not closed.</param>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ReportPage.WriteStart(writer, Title, withScript: false);
        writer.Write("<header role=\"banner\">\n<h1>" + Html.Text(Title) + "</h1>\n<p class=\"meta\">");
        writer.Write($"<strong>{Html.Count(_sections.Count)}</strong> labeled {(_sections.Count == 1 ? "set" : "sets")}");
        if (DataName is not null)
        {
            writer.Write(" from <strong>" + Html.Text(DataName) + "</strong>");
        }
        if (CreatedAt is DateTimeOffset time)
        {
            var (display, machine) = Html.Time(time);
            writer.Write($" · run at <time datetime=\"{machine}\">{display}</time>");
        }
        writer.Write("</p>\n</header>\n<main id=\"main\">\n");
        if (Model is not null || CreatedAt is not null)
        {
            writer.Write("<section aria-labelledby=\"model-h\">\n");
            VerdictReport.WriteModel(writer, Model, CreatedAt, headingLevel: 2);
            writer.Write("</section>\n");
        }
        for (int i = 0; i < _sections.Count; i++)
        {
            WriteSection(writer, i, _sections[i]);
        }
        writer.Write("</main>\n");
        ReportPage.WriteEnd(writer, withScript: false);
    }

    private static void WriteSection(TextWriter w, int index, EvaluationSection s)
    {
        string id = $"set-{index}";
        w.Write($"<section class=\"eval-set\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{Html.Text(s.Name)}</h2>\n");
        w.Write("<ul class=\"figures\">\n");
        foreach (var (label, value) in s.Figures)
        {
            w.Write($"<li><span class=\"k\">{Html.Text(label)}</span> <span class=\"v\">{Html.Text(value)}</span></li>\n");
        }
        w.Write("</ul>\n");
        foreach (string note in s.Notes)
        {
            w.Write($"<p class=\"note\">{Html.Text(note)}</p>\n");
        }
        w.Write("<div class=\"table-wrap\"><table class=\"per-class\">\n<caption>Per label</caption>\n<thead><tr>");
        for (int c = 0; c < s.ClassColumns.Length; c++)
        {
            w.Write($"<th scope=\"col\"{(c > 0 ? " class=\"num\"" : "")}>{Html.Text(s.ClassColumns[c])}</th>");
        }
        w.Write("</tr></thead>\n<tbody>\n");
        foreach (string[] row in s.ClassRows)
        {
            w.Write($"<tr><th scope=\"row\">{Html.Text(row[0])}</th>");
            for (int c = 1; c < row.Length; c++)
            {
                w.Write($"<td class=\"num\">{Html.Text(row[c])}</td>");
            }
            w.Write("</tr>\n");
        }
        w.Write("</tbody></table></div>\n<div class=\"charts\">\n");
        Charts.WriteHeatMap(w, id + "-confusion", s.Labels, s.Confusion);
        Charts.WriteReliability(w, id + "-reliability", s.Reliability, s.Ece);
        w.Write("</div>\n</section>\n");
    }
}

/// <summary>What one section of an <see cref="EvaluationReport"/> shows.</summary>
internal sealed record EvaluationSection(
    string Name,
    List<(string Label, string Value)> Figures,
    string[] ClassColumns,
    List<string[]> ClassRows,
    string[] Labels,
    int[,] Confusion,
    (int Count, double Confidence, double Accuracy)[] Reliability,
    double Ece,
    List<string> Notes);
