using System.Text.Json;
using ClaimMl.DataFormats;
using ClaimMl.Evaluation;
using ClaimMl.Model;

namespace ClaimMl.Tests;

/// <summary>
/// The test-side figures recorded in <c>models/stance.metrics.json</c> (the lexical-only path) and
/// <c>models/judge.metrics.json</c> (the judged default) are what this code computes for the shipped models
/// today: a change to the featurizer, the scorer, the judge's runtime, the verdict rule or a loader that moves a
/// recorded figure fails here, so the README's and the metrics files' figures stay reproducible from a clean
/// clone (`claimml evaluate ... --record` rewrites them after a retraining).
/// </summary>
[TestFixture]
[Category(SharedData.Category)]
public class RecordedFiguresTests
{
    private static JsonElement Recorded() =>
        JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(RepoPaths.ShippedModel, ".metrics.json"))).RootElement;

    private static string ShippedJudge => Path.Combine(RepoPaths.Root, "models", "judge.zip");

    private static JsonElement RecordedJudged() =>
        JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(ShippedJudge, ".metrics.json"))).RootElement;

    [Test]
    public void FncCompetitionFiguresMatchTheRecordedOnes()
    {
        string folder = SharedData.RequireFolder("fnc-1");
        StanceModel model = ModelFile.Load(RepoPaths.ShippedModel);
        StanceMetrics metrics = StancePredictor.Evaluate(model, FncDataset.Load(folder, FncSplit.Competition));
        JsonElement recorded = Recorded().GetProperty("evaluation").GetProperty("fnc-1 competition");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(metrics.Count, Is.EqualTo(recorded.GetProperty("pairs").GetInt32()));
            Assert.That(Math.Round(metrics.FncRelative, 4), Is.EqualTo(recorded.GetProperty("fncRelative").GetDouble()));
            Assert.That(Math.Round(metrics.MacroF1, 4), Is.EqualTo(recorded.GetProperty("macroF1").GetDouble()));
            foreach (Stance stance in StanceMetrics.Order)
            {
                Assert.That(Math.Round(metrics[stance].F1, 4), Is.EqualTo(recorded.GetProperty("perClass").GetProperty(MetricsJson.Word(stance)).GetProperty("f1").GetDouble()), stance.ToString());
            }
        }
    }

    [Test]
    public void JudgedFncCompetitionFiguresMatchTheRecordedOnes()
    {
        string folder = SharedData.RequireFolder("fnc-1");
        using ClaimChecker checker = ClaimChecker.Load(RepoPaths.ShippedModel, ClaimCheckingMode.LexicalOnly).WithJudge(ShippedJudge);
        var (metrics, _) = StancePredictor.EvaluateWithCalibration(checker, FncDataset.Load(folder, FncSplit.Competition));
        JsonElement recorded = RecordedJudged().GetProperty("evaluation").GetProperty("fnc-1 competition");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(metrics.Count, Is.EqualTo(recorded.GetProperty("pairs").GetInt32()));
            Assert.That(Math.Round(metrics.FncRelative, 4), Is.EqualTo(recorded.GetProperty("fncRelative").GetDouble()));
            Assert.That(Math.Round(metrics.MacroF1, 4), Is.EqualTo(recorded.GetProperty("macroF1").GetDouble()));
        }
    }

    [TestCase(ClaimCheckingMode.LexicalOnly)]
    [TestCase(ClaimCheckingMode.Judged)]
    public void ClaimSetFiguresMatchTheRecordedOnes(ClaimCheckingMode mode)
    {
        string root = Path.GetDirectoryName(SharedData.RequireFolder("fnc-1"))!;
        ClaimChecker lexical = ClaimChecker.Load(RepoPaths.ShippedModel, ClaimCheckingMode.LexicalOnly);
        using ClaimChecker checker = mode == ClaimCheckingMode.Judged ? lexical.WithJudge(ShippedJudge) : lexical;
        JsonElement recorded = (mode == ClaimCheckingMode.Judged ? RecordedJudged() : Recorded()).GetProperty("claimSets").GetProperty("sets");
        List<DataFormats.ClaimSets.ClaimSet> sets = ClaimSuite.LoadTestSets(root);
        Assert.That(sets, Is.Not.Empty);
        using (Assert.EnterMultipleScope())
        {
            foreach (DataFormats.ClaimSets.ClaimSet set in sets)
            {
                if (!recorded.TryGetProperty(set.Name, out JsonElement row))
                {
                    Assert.Fail($"'{set.Name}' is in the shared data but its figures are not recorded; run evaluate --sets --record.");
                    continue;
                }
                VerdictMetrics m = ClaimSetEvaluator.Evaluate(checker, set).Metrics;
                Assert.That(m.Count, Is.EqualTo(row.GetProperty("n").GetInt32()), set.Name);
                Assert.That(Math.Round(m.Accuracy, 4), Is.EqualTo(row.GetProperty("accuracy").GetDouble()), set.Name);
                Assert.That(Math.Round(m.MacroF1, 4), Is.EqualTo(row.GetProperty("macroF1").GetDouble()), set.Name);
                Assert.That(Math.Round(m.BalancedAccuracy, 4), Is.EqualTo(row.GetProperty("balancedAccuracy").GetDouble()), set.Name);
            }
        }
    }
}
