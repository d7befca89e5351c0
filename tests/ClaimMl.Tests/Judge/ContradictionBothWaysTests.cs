using System.Text.Json.Nodes;
using ClaimMl.Entailment;

namespace ClaimMl.Tests.Judge;

/// <summary>
/// Reading a sentence's contradiction both ways (<see cref="JudgeVerdictSettings.ContradictionReading"/>): how the two
/// readings combine, that the checker reads the other way round exactly the single sentences it should, and that the
/// setting travels in the manifest.
/// </summary>
[TestFixture]
public sealed class ContradictionBothWaysTests
{
    private static readonly Source[] Sources =
    [
        new("bridge.txt", "The council closed the river bridge on Monday. Traffic was sent through the city centre. The mayor said the bridge reopened on Tuesday."),
        new("mayor.txt", "The mayor said no vehicles were on the bridge at the time. The council will decide on repairs."),
    ];

    private static readonly string[] Claims =
    [
        "The council closed the bridge on Monday.",
        "The bridge was not closed by the council.",
        "The mayor said the bridge reopened on Tuesday and traffic was sent through the city.",
        "Vehicles were on the bridge, the mayor said.",
    ];

    [TestCase("BothWaysLower", 0.6f, 0.3f, 0.1f, 0.2f, 0.2f)]
    [TestCase("BothWaysLower", 0.6f, 0.3f, 0.1f, 0.5f, 0.3f)]
    [TestCase("BothWaysMean", 0.6f, 0.3f, 0.1f, 0.5f, 0.4f)]
    [TestCase("BothWaysMean", 0.1f, 0.6f, 0.3f, 0.8f, 0.7f)]
    [TestCase("BothWaysMean", 0.5f, 0.4f, 0.1f, 0.9f, 0.5f)]
    [TestCase("Forward", 0.6f, 0.3f, 0.1f, 0.9f, 0.3f)]
    public void TheCombinedReadingKeepsTheForwardEntailmentAndGivesNeitherTheRest(string readingName, float entails, float contradicts, float neither, float reverseContradicts, float expected)
    {
        var reading = Enum.Parse<ContradictionReading>(readingName);
        var forward = new EntailmentProbabilities(entails, contradicts, neither);
        var reverse = new EntailmentProbabilities((1 - reverseContradicts) / 2, reverseContradicts, (1 - reverseContradicts) / 2);
        EntailmentProbabilities combined = BothWays.Combine(forward, reverse, reading);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(combined.Entails, Is.EqualTo(entails));
            Assert.That(combined.Contradicts, Is.EqualTo(expected).Within(1e-6f));
            Assert.That(combined.Entails + combined.Contradicts + combined.Neither, Is.EqualTo(1f).Within(1e-6f));
            Assert.That(combined.Neither, Is.GreaterThanOrEqualTo(0f));
        }
    }

    [Test]
    public void OnlyAReadingThatCouldRefuteIsReadTheOtherWayRound()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(BothWays.Wanted(ContradictionReading.BothWaysLower, new(0.2f, BothWays.Floor, 0.8f - BothWays.Floor)), Is.True);
            Assert.That(BothWays.Wanted(ContradictionReading.BothWaysMean, new(0.2f, BothWays.Floor - 0.01f, 0.81f - BothWays.Floor)), Is.False);
            Assert.That(BothWays.Wanted(ContradictionReading.Forward, new(0f, 1f, 0f)), Is.False);
        }
    }

    [TestCase("BothWaysLower")]
    [TestCase("BothWaysMean")]
    public void TheCheckerCombinesEachSentenceItReadsAsContradictingWithItsReadingTheOtherWayRound(string readingName)
    {
        var reading = Enum.Parse<ContradictionReading>(readingName);
        // The tiny judge with its contradicts bias raised, so that some sentences read past the floor and others not;
        // every source is read, and the window too.
        var tiny = new TinyJudge();
        tiny.Bias[1] += 1.5f;
        var builder = new JudgeZipBuilder(tiny);
        builder.Manifest["verdict"] = new JsonObject { ["entails"] = 0.9, ["contradicts"] = 0.3, ["relatedGate"] = 1.0, ["window"] = true };
        using ClaimChecker forward = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).WithJudge(new MemoryStream(builder.ToBytes()));
        builder.Manifest["verdict"]!["contradictionReading"] = JsonValue.Create(reading == ContradictionReading.BothWaysLower ? "bothWaysLower" : "bothWaysMean");
        using ClaimChecker bothWays = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).WithJudge(new MemoryStream(builder.ToBytes()));
        Assert.That(bothWays.JudgeSettings.ContradictionReading, Is.EqualTo(reading));

        int changed = 0, kept = 0, windows = 0, wanted = 0;
        foreach (string claim in Claims)
        {
            ClaimResult before = forward.Check(claim, forward.Index(Sources));
            ClaimResult after = bothWays.Check(claim, bothWays.Index(Sources));
            for (int s = 0; s < Sources.Length; s++)
            {
                IReadOnlyList<PassageReading> a = before.Sources[s].Passages, b = after.Sources[s].Passages;
                Assert.That(b.Select(p => p.Text), Is.EqualTo(a.Select(p => p.Text)), "the same passages are read");
                for (int p = 0; p < a.Count; p++)
                {
                    EntailmentProbabilities expected = a[p].Probabilities;
                    if (a[p].IsWindow)
                    {
                        windows++;
                    }
                    else if (BothWays.Wanted(reading, expected))
                    {
                        Judgement reverse = bothWays.Judge!.Judge([(a[p].Text, claim)])[0];
                        expected = BothWays.Combine(expected, reverse.Probabilities, reading);
                        changed += expected == a[p].Probabilities ? 0 : 1;
                        wanted++;
                    }
                    else
                    {
                        kept++;
                    }
                    Assert.That(b[p].Probabilities.Entails, Is.EqualTo(expected.Entails).Within(1e-5f), $"{claim} / {a[p].Text}");
                    Assert.That(b[p].Probabilities.Contradicts, Is.EqualTo(expected.Contradicts).Within(1e-5f), $"{claim} / {a[p].Text}");
                }
            }
        }
        string[] refuting = Claims.SelectMany(claim => bothWays.Explain(claim, bothWays.Index(Sources))).Where(e => e.Stance == Stance.Refutes).Select(e => e.Decision).ToArray();
        Assert.That(refuting, Is.Not.Empty, "some source refutes");
        Assert.That(refuting, Has.All.Contain(reading == ContradictionReading.BothWaysLower ? "P is the lower of" : "P is the mean of"), "the explanation says how P was read");
        Assert.That(changed, Is.GreaterThan(0), $"some sentence past the floor reads differently the other way round (kept {kept}, windows {windows}, wanted {wanted})");
        Assert.That(kept, Is.GreaterThan(0), "some sentence below the floor keeps its forward reading");
        Assert.That(windows, Is.GreaterThan(0), "windows were read (and kept their forward reading)");
    }

    [Test]
    public void TheSettingIsLeftOutOfTheManifestWhenForwardAndABadOneIsRefusedByName()
    {
        var lower = JudgeVerdictSettings.From(new JsonObject { ["contradictionReading"] = "bothWaysLower" }, "lower.zip");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lower.ContradictionReading, Is.EqualTo(ContradictionReading.BothWaysLower));
            Assert.That(lower.ToJson()["contradictionReading"]!.GetValue<string>(), Is.EqualTo("bothWaysLower"));
            Assert.That(JudgeVerdictSettings.From(new JsonObject(), "old.zip").ContradictionReading, Is.EqualTo(ContradictionReading.Forward), "judges tuned before it read forward");
            Assert.That(JudgeVerdictSettings.Default.ToJson().ContainsKey("contradictionReading"), Is.False, "a forward judge keeps its manifest as it was");
            Assert.That(() => JudgeVerdictSettings.From(new JsonObject { ["contradictionReading"] = "sideways" }, "bad.zip"),
                Throws.InstanceOf<ClaimMlModelException>().With.Message.Contains("'contradictionReading'").And.Message.Contains("bad.zip").And.Message.Contains("not one of forward, bothWaysLower, bothWaysMean"));
        }
    }
}
