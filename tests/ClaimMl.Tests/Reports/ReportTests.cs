using System.Text.RegularExpressions;
using ClaimMl.Reports;

namespace ClaimMl.Tests.Reports;

/// <summary>The HTML reports as text: structure, escaping and argument checks (no browser needed; see BrowserReportTests).</summary>
[TestFixture]
public class ReportTests
{
    private static readonly ClaimChecker Checker = ClaimChecker.CreateDefault();

    [OneTimeTearDown]
    public void DisposeChecker() => Checker.Dispose();

    private static string Render(Action<TextWriter> write)
    {
        using var writer = new StringWriter();
        write(writer);
        return writer.ToString();
    }

    private static int Occurrences(string html, string what) => Regex.Count(html, Regex.Escape(what), RegexOptions.IgnoreCase);

    [Test]
    public void TextReportHighlightsEverySentenceInPlace()
    {
        string text = "The Merrow Bridge closed on Tuesday.  Ferries run every 20 minutes.\n\nShops may lose millions.";
        SourceSet sources = Checker.Index([new Source("a.txt", File.ReadAllText(Path.Combine(RepoPaths.SampleSources, "alder-gazette.txt")))]);
        IReadOnlyList<ClaimResult> results = Checker.CheckText(text, sources);
        var report = VerdictReport.ForText(text, results);
        string html = Render(report.Write);
        Assert.That(report.ToHtml(), Is.EqualTo(html));

        Assert.That(Occurrences(html, "role=\"button\" tabindex=\"0\""), Is.EqualTo(3));
        // The text between sentences is kept as written (white space, blank line).
        Assert.That(html, Does.Contain("Tuesday.</span>  <span class=\"claim"));
        Assert.That(html, Does.Contain("minutes.</span>\n\n<span class=\"claim"));
    }

    [Test]
    public void ClaimsTableMarksEachClaimAgainstItsExpectedVerdict()
    {
        SourceSet sources = Checker.Index([new Source("a.txt", File.ReadAllText(Path.Combine(RepoPaths.SampleSources, "alder-gazette.txt")))]);
        IReadOnlyList<ClaimResult> results = Checker.CheckAll(["The Merrow Bridge closed on Tuesday.", "Ferries run every 20 minutes.", "Shops may lose millions."], sources);
        Verdict other = results[1].Verdict == Verdict.Confirmed ? Verdict.Disputed : Verdict.Confirmed;
        var report = VerdictReport.ForClaims(results);
        string plain = Render(report.Write);
        report.Expected = [results[0].Verdict, other, null];
        string html = Render(report.Write);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plain, Does.Not.Contain(">expected</th>"), "no column without expected verdicts");
            Assert.That(html, Does.Contain("<th scope=\"col\">expected</th>"));
            Assert.That(Occurrences(html, "data-as-expected=\"yes\""), Is.EqualTo(1));
            Assert.That(html, Does.Contain($"data-expected=\"{Html.Word(other)}\" data-as-expected=\"no\">{Html.Word(other)} ✗"));
            Assert.That(Occurrences(html, "<td class=\"expected\"></td>"), Is.EqualTo(1), "a claim without an expected verdict gets an empty cell");
            Assert.That(Occurrences(html, "colspan=\"5\""), Is.EqualTo(3));
            Assert.That(() => report.Expected = [Verdict.Confirmed], Throws.ArgumentException);
        }
    }

    [Test]
    public void TextReportRejectsResultsOfAnotherText()
    {
        SourceSet sources = Checker.Index([new Source("a.txt", "The bridge closed on Tuesday.")]);
        IReadOnlyList<ClaimResult> results = Checker.CheckText("The bridge closed. It reopened.", sources);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => VerdictReport.ForText("The bridge closed.", results), Throws.ArgumentException);
            Assert.That(() => VerdictReport.ForText("The bridge closed. It reopened!", results), Throws.ArgumentException);
            Assert.That(() => VerdictReport.ForClaims(results, ["only one id"]), Throws.ArgumentException);
        }
    }

    [Test]
    public void InputTextIsEscapedEverywhere()
    {
        string payloads = string.Join(" ", HostileInput.Payloads);
        string sourceName = HostileInput.FileNames[0];
        SourceSet sources = Checker.Index([new Source(sourceName, "The bridge closed on Tuesday. " + payloads), new Source(payloads, "Ferries run.")]);
        string[] claims = ["The bridge closed on Tuesday " + HostileInput.Payloads[0], .. HostileInput.Payloads];
        IReadOnlyList<ClaimResult> results = Checker.CheckAll(claims, sources);
        var report = VerdictReport.ForClaims(results, claims.Select((_, i) => HostileInput.Payloads[i % HostileInput.Payloads.Length]).ToArray());
        report.Title = payloads;
        report.InputName = HostileInput.FileNames[1];
        report.SourcesName = HostileInput.FileNames[2];
        report.Model = new ReportModel(HostileInput.FileNames[3], payloads, [new(payloads, payloads)]);
        string html = Render(report.Write);

        var evaluation = new EvaluationReport(payloads) { DataName = payloads, Model = report.Model };
        evaluation.AddLabeledSet(payloads, [payloads, "b"], [0, 1, 1], [0, 0, 1], [0.9f, 0.6f, 0.7f]);
        string evaluationHtml = Render(evaluation.Write);

        using (Assert.EnterMultipleScope())
        {
            foreach (string page in new[] { html, evaluationHtml })
            {
                Assert.That(Occurrences(page, "<img"), Is.Zero);
                Assert.That(Occurrences(page, "<iframe"), Is.Zero);
                Assert.That(Occurrences(page, "<svg onload"), Is.Zero);
                Assert.That(Occurrences(page, "<style"), Is.EqualTo(1));
                Assert.That(Occurrences(page, "</style"), Is.EqualTo(1));
                Assert.That(Occurrences(page, "\"javascript:"), Is.Zero);
                Assert.That(Occurrences(page, "window.pwned"), Is.GreaterThan(0), "the payloads are shown, as text");
            }
            Assert.That(Occurrences(html, "<script"), Is.EqualTo(1), "only the report's own script");
            Assert.That(Occurrences(html, "</script"), Is.EqualTo(1));
            Assert.That(Occurrences(evaluationHtml, "<script"), Is.Zero, "the evaluation report has no script");
            Assert.That(html, Does.Contain("&lt;script&gt;window.pwned=&#39;script&#39;"));
        }
    }

    [Test]
    public void PagesAreSelfContained()
    {
        SourceSet sources = Checker.Index([new Source("a.txt", "The bridge closed on Tuesday.")]);
        string html = Render(VerdictReport.ForClaims(Checker.CheckAll(["The bridge closed."], sources)).Write);
        var evaluation = new EvaluationReport("e");
        evaluation.AddLabeledSet("s", ["x", "y"], [0, 1], [0, 1], [0.9f, 0.8f]);
        string evaluationHtml = Render(evaluation.Write);
        foreach (string page in new[] { html, evaluationHtml })
        {
            Assert.That(Regex.Matches(page, "(?:src|href)=\"(?!#|data:)[^\"]*\""), Is.Empty, "nothing is loaded from elsewhere");
            Assert.That(page, Does.Not.Contain("@import").And.Not.Contain("url("));
            Assert.That(page, Does.Contain("Content-Security-Policy\" content=\"default-src 'none'"));
        }
    }

    [Test]
    public void LabeledSetArgumentsAreChecked()
    {
        var report = new EvaluationReport("e");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => report.AddLabeledSet("s", ["a", "b"], [0, 1], [0], [0.5f]), Throws.ArgumentException);
            Assert.That(() => report.AddLabeledSet("s", ["a", "b"], [0, 2], [0, 1], [0.5f, 0.5f]), Throws.ArgumentException);
            Assert.That(() => report.AddLabeledSet("s", [], [], [], []), Throws.ArgumentException);
        }
        report.AddLabeledSet("s", ["a", "b"], [0, 1, 1], [0, 0, 1], [0.9f, 0.6f, 0.7f]);
        Assert.That(report.SetCount, Is.EqualTo(1));
    }

    [Test]
    public void EmbeddedModelIsDescribedWithItsHashAndRecordedFigures()
    {
        ReportModel model = ReportModel.ForEmbeddedModel();
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(RepoPaths.ShippedModel)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(model.Name, Is.EqualTo(ReportModel.EmbeddedModelName));
            Assert.That(model.Sha256, Is.EqualTo(sha));
            Assert.That(model.Figures.Select(f => f.Key), Does.Contain("fnc-1 competition"), "models/stance.metrics.json is embedded with the model");
            Assert.That(ReportModel.ForFile(RepoPaths.ShippedModel).Figures, Is.EqualTo(model.Figures));
        }
    }

    [Test]
    public void EmbeddedJudgeIsDescribedWithItsHashAndRecordedFigures()
    {
        ReportModel judge = ReportModel.ForEmbeddedJudge();
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(RepoPaths.ShippedJudge)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(judge.Name, Is.EqualTo(ReportModel.EmbeddedJudgeName));
            Assert.That(judge.Sha256, Is.EqualTo(sha));
            Assert.That(judge.Figures.Select(f => f.Key), Does.Contain("fnc-1 competition"), "models/judge.metrics.json is embedded with the judge");
            Assert.That(judge.Figures.Select(f => f.Key), Does.Contain("fever-symmetric test"));
            Assert.That(ReportModel.ForFile(RepoPaths.ShippedJudge).Figures, Is.EqualTo(judge.Figures));
            Assert.That(judge.Figures, Is.Not.EqualTo(ReportModel.ForEmbeddedModel().Figures), "the judge's own figures, not the stance model's");
        }
    }

    [Test]
    public void FiguresOfAnotherModelAreNotShown()
    {
        using var temp = new TempDirectory();
        string modelPath = temp.WriteBytes("m.zip", File.ReadAllBytes(RepoPaths.ShippedModel)[..^1]);
        File.Copy(Path.Combine(RepoPaths.Root, "models", "stance.metrics.json"), temp.File("m.metrics.json"));
        ReportModel model = ReportModel.ForFile(modelPath);
        Assert.That(model.Figures, Has.Count.EqualTo(1));
        Assert.That(model.Figures[0].Value, Does.Contain("another model"));
    }
}
