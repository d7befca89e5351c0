using System.Text.Json;
using ClaimMl.DataFormats;

namespace ClaimMl.Tests;

/// <summary><c>claimml evaluate --labeled</c>: verdict figures on your own labeled claims.</summary>
public sealed class LabeledEvaluationTests : TempDirectoryFixture
{
    private static string Sample => Path.Combine(RepoPaths.Root, "data", "sample");

    /// <summary>The sample's claims checked by the library, and how many get their expected verdict.</summary>
    private static (int Claims, int Correct) SampleByTheLibrary()
    {
        List<ClaimInput> claims = ClaimFile.Read(Path.Combine(Sample, "claims.jsonl"));
        ClaimChecker checker = ClaimChecker.CreateDefault();
        SourceSet sources = checker.Index(SourceFolder.Read(Path.Combine(Sample, "sources")));
        int correct = claims.Count(c => checker.Check(c.Text, sources).Verdict == c.Expected);
        return (claims.Count, correct);
    }

    [TestCase("holdout", 60, 42, 42)]
    [TestCase("holdout2", 60, 46, 38)]
    [TestCase("holdout3", 60, 48, 36)]
    [TestCase("holdout4", 60, 48, 36)]
    [TestCase("holdout5", 60, 48, 36)]
    [TestCase("holdout6", 60, 48, 36)]
    [TestCase("holdout7", 60, 48, 36)]
    [TestCase("holdout8", 60, 48, 36)]
    [TestCase("holdout9", 60, 48, 36)]
    [TestCase("holdout10", 60, 48, 36)]
    [TestCase("holdout11", 60, 48, 36)]
    [TestCase("holdout12", 60, 48, 36)]
    [TestCase("holdout13", 60, 48, 36)]
    [TestCase("holdout14", 60, 47, 37)]
    [TestCase("holdout15", 60, 47, 37)]
    [TestCase("holdout16", 60, 48, 36)]
    [TestCase("holdout17", 60, 49, 35)]
    [TestCase("holdout18", 60, 48, 36)]
    [TestCase("holdout19", 60, 48, 36)]
    [TestCase("holdout20", 60, 48, 36)]
    [TestCase("holdout21", 60, 48, 36)]
    [TestCase("holdout22", 60, 48, 36)]
    [TestCase("holdout23", 60, 49, 35)]
    [TestCase("holdout24", 60, 48, 36)]
    [TestCase("holdout25", 60, 48, 36)]
    [TestCase("holdout26", 60, 48, 36)]
    [TestCase("holdout27", 60, 49, 35)]
    [TestCase("holdout28", 60, 48, 36)]
    [TestCase("holdout29", 60, 48, 36)]
    [TestCase("holdout30", 60, 48, 36)]
    [TestCase("holdout31", 60, 48, 36)]
    [TestCase("holdout32", 60, 48, 36)]
    [TestCase("holdout33", 60, 48, 36)]
    [TestCase("holdout34", 60, 48, 36)]
    [TestCase("holdout35", 60, 48, 36)]
    [TestCase("holdout36", 60, 48, 36)]
    [TestCase("holdout37", 60, 48, 36)]
    [TestCase("holdout38", 60, 48, 36)]
    [TestCase("holdout39", 60, 48, 36)]
    [TestCase("holdout40", 60, 48, 36)]
    [TestCase("holdout41", 60, 48, 36)]
    [TestCase("holdout42", 60, 48, 36)]
    [TestCase("holdout43", 60, 48, 36)]
    [TestCase("holdout44", 60, 48, 36)]
    [TestCase("holdout45", 60, 48, 36)]
    [TestCase("holdout46", 60, 48, 36)]
    [TestCase("holdout47", 60, 48, 36)]
    [TestCase("holdout48", 60, 48, 36)]
    [TestCase("holdout49", 60, 48, 36)]
    [TestCase("holdout50", 60, 48, 36)]
    [TestCase("holdout51", 60, 48, 36)]
    [TestCase("holdout52", 60, 48, 36)]
    [TestCase("holdout53", 60, 48, 36)]
    [TestCase("holdout54", 60, 48, 36)]
    [TestCase("holdout55", 60, 48, 36)]
    [TestCase("holdout56", 60, 48, 36)]
    [TestCase("holdout57", 60, 48, 36)]
    [TestCase("holdout58", 60, 48, 36)]
    [TestCase("holdout59", 60, 48, 36)]
    [TestCase("holdout60", 60, 48, 36)]
    [TestCase("holdout61", 60, 48, 36)]
    [TestCase("holdout62", 60, 48, 36)]
    [TestCase("holdout63", 60, 48, 36)]
    [TestCase("holdout64", 60, 48, 36)]
    [TestCase("holdout65", 60, 48, 36)]
    [TestCase("holdout66", 60, 48, 36)]
    [TestCase("holdout67", 60, 48, 36)]
    [TestCase("holdout68", 60, 48, 36)]
    [TestCase("holdout69", 60, 48, 36)]
    [TestCase("holdout70", 60, 48, 36)]
    [TestCase("holdout71", 60, 48, 36)]
    [TestCase("holdout72", 60, 48, 36)]
    [TestCase("holdout74", 60, 48, 36)]
    [TestCase("holdout75", 60, 48, 36)]
    [TestCase("holdout76", 60, 48, 36)]
    [TestCase("holdout77", 60, 48, 36)]
    [TestCase("holdout78", 60, 48, 36)]
    [TestCase("holdout79", 60, 48, 36)]
    [TestCase("holdout80", 60, 48, 36)]
    [TestCase("holdout81", 60, 48, 36)]
    [TestCase("holdout82", 60, 48, 36)]
    [TestCase("holdout83", 60, 48, 36)]
    [TestCase("holdout84", 60, 48, 36)]
    [TestCase("holdout85", 60, 48, 36)]
    [TestCase("holdout86", 60, 48, 36)]
    [TestCase("holdout87", 60, 48, 36)]
    [TestCase("holdout88", 60, 48, 36)]
    [TestCase("holdout89", 60, 48, 36)]
    [TestCase("holdout90", 60, 48, 36)]
    [TestCase("holdout91", 60, 48, 36)]
    [TestCase("holdout92", 60, 48, 36)]
    [TestCase("holdout93", 60, 48, 36)]
    [TestCase("holdout94", 60, 48, 36)]
    [TestCase("holdout95", 60, 48, 36)]
    [TestCase("holdout96", 60, 48, 36)]
    [TestCase("holdout97", 60, 48, 36)]
    [TestCase("holdout98", 60, 48, 36)]
    [TestCase("holdout99", 60, 48, 36)]
    [TestCase("holdout100", 60, 48, 36)]
    [TestCase("holdout101", 60, 48, 36)]
    [TestCase("holdout102", 60, 48, 36)]
    [TestCase("holdout103", 60, 48, 36)]
    [TestCase("holdout104", 60, 48, 36)]
    [TestCase("holdout105", 60, 48, 36)]
    [TestCase("holdout106", 60, 48, 36)]
    [TestCase("holdout107", 60, 48, 36)]
    [TestCase("holdout108", 60, 48, 36)]
    [TestCase("holdout109", 60, 48, 36)]
    [TestCase("holdout110", 60, 48, 36)]
    [TestCase("holdout111", 60, 48, 36)]
    [TestCase("holdout112", 60, 48, 36)]
    [TestCase("holdout113", 60, 48, 36)]
    [TestCase("holdout114", 60, 48, 36)]
    [TestCase("holdout115", 60, 48, 36)]
    [TestCase("holdout116", 60, 48, 36)]
    [TestCase("holdout117", 60, 48, 36)]
    [TestCase("holdout118", 60, 48, 36)]
    [TestCase("holdout119", 60, 48, 36)]
    [TestCase("holdout120", 60, 48, 36)]
    [TestCase("holdout121", 60, 48, 36)]
    [TestCase("holdout122", 60, 48, 36)]
    [TestCase("holdout123", 60, 48, 36)]
    [TestCase("holdout124", 60, 48, 36)]
    [TestCase("holdout125", 60, 48, 36)]
    [TestCase("holdout126", 60, 48, 36)]
    [TestCase("holdout127", 60, 48, 36)]
    [TestCase("holdout128", 60, 48, 36)]
    [TestCase("holdout129", 60, 48, 36)]
    [TestCase("holdout130", 60, 48, 36)]
    [TestCase("holdout131", 60, 48, 36)]
    [TestCase("holdout132", 60, 48, 36)]
    [TestCase("holdout133", 60, 48, 36)]
    [TestCase("holdout134", 60, 48, 36)]
    [TestCase("holdout135", 60, 48, 36)]
    [TestCase("holdout136", 60, 48, 36)]
    [TestCase("holdout137", 60, 48, 36)]
    [TestCase("holdout138", 60, 48, 36)]
    [TestCase("holdout139", 60, 48, 36)]
    [TestCase("holdout140", 60, 48, 36)]
    [TestCase("holdout141", 60, 48, 36)]
    [TestCase("holdout142", 60, 48, 36)]
    [TestCase("holdout143", 60, 48, 36)]
    [TestCase("holdout144", 60, 48, 36)]
    [TestCase("holdout145", 60, 48, 36)]
    [TestCase("holdout146", 60, 48, 36)]
    [TestCase("holdout147", 60, 48, 36)]
    [TestCase("holdout148", 60, 48, 36)]
    [TestCase("holdout149", 60, 48, 36)]
    [TestCase("holdout150", 60, 48, 36)]
    [TestCase("holdout151", 60, 48, 36)]
    [TestCase("holdout152", 60, 48, 36)]
    [TestCase("holdout153", 60, 48, 36)]
    [TestCase("holdout154", 60, 48, 36)]
    [TestCase("holdout155", 60, 48, 36)]
    [TestCase("holdout156", 60, 48, 36)]
    [TestCase("holdout157", 60, 48, 36)]
    [TestCase("holdout158", 60, 48, 36)]
    [TestCase("holdout159", 60, 48, 36)]
    [TestCase("holdout160", 60, 48, 36)]
    [TestCase("holdout161", 60, 48, 36)]
    [TestCase("holdout162", 60, 48, 36)]
    [TestCase("holdout163", 60, 48, 36)]
    [TestCase("holdout164", 60, 48, 36)]
    [TestCase("holdout165", 60, 48, 36)]
    [TestCase("holdout166", 60, 48, 36)]
    [TestCase("holdout167", 60, 48, 36)]
    [TestCase("holdout168", 60, 48, 36)]
    [TestCase("holdout169", 60, 48, 36)]
    [TestCase("holdout170", 60, 48, 36)]
    [TestCase("holdout171", 60, 48, 36)]
    [TestCase("holdout172", 60, 48, 36)]
    [TestCase("holdout173", 60, 48, 36)]
    [TestCase("holdout174", 60, 48, 36)]
    [TestCase("holdout175", 60, 48, 36)]
    [TestCase("holdout176", 60, 48, 36)]
    [TestCase("holdout177", 60, 48, 36)]
    [TestCase("holdout178", 60, 48, 36)]
    [TestCase("holdout179", 60, 48, 36)]
    [TestCase("holdout180", 60, 48, 36)]
    [TestCase("holdout181", 60, 48, 36)]
    [TestCase("holdout182", 60, 48, 36)]
    [TestCase("holdout183", 60, 48, 36)]
    [TestCase("holdout184", 60, 48, 36)]
    [TestCase("holdout185", 60, 48, 36)]
    [TestCase("holdout186", 60, 48, 36)]
    [TestCase("holdout187", 60, 48, 36)]
    [TestCase("holdout188", 60, 48, 36)]
    [TestCase("holdout189", 60, 48, 36)]
    [TestCase("holdout190", 60, 48, 36)]
    [TestCase("holdout191", 60, 48, 36)]
    [TestCase("holdout192", 60, 48, 36)]
    [TestCase("holdout193", 60, 48, 36)]
    [TestCase("holdout194", 60, 48, 36)]
    [TestCase("holdout195", 60, 48, 36)]
    [TestCase("holdout196", 60, 48, 36)]
    [TestCase("holdout197", 60, 48, 36)]
    [TestCase("holdout198", 60, 48, 36)]
    [TestCase("holdout199", 60, 48, 36)]
    [TestCase("holdout200", 60, 48, 36)]
    [TestCase("holdout201", 60, 48, 36)]
    [TestCase("holdout202", 60, 48, 36)]
    [TestCase("holdout203", 60, 48, 36)]
    [TestCase("holdout204", 60, 48, 36)]
    [TestCase("holdout205", 60, 48, 36)]
    [TestCase("holdout206", 60, 48, 36)]
    [TestCase("holdout207", 60, 48, 36)]
    [TestCase("holdout208", 60, 48, 36)]
    [TestCase("holdout209", 60, 48, 36)]
    [TestCase("holdout210", 60, 48, 36)]
    [TestCase("holdout211", 60, 48, 36)]
    [TestCase("holdout212", 60, 48, 36)]
    [TestCase("holdout213", 60, 48, 36)]
    [TestCase("holdout214", 60, 48, 36)]
    [TestCase("holdout215", 60, 48, 36)]
    [TestCase("holdout216", 60, 48, 36)]
    [TestCase("holdout217", 60, 48, 36)]
    [TestCase("holdout218", 60, 48, 36)]
    [TestCase("holdout219", 60, 48, 36)]
    [TestCase("holdout220", 60, 48, 36)]
    [TestCase("holdout221", 60, 48, 36)]
    [TestCase("holdout222", 60, 48, 36)]
    [TestCase("holdout223", 60, 48, 36)]
    [TestCase("holdout224", 60, 48, 36)]
    [TestCase("holdout225", 60, 48, 36)]
    [TestCase("holdout226", 60, 48, 36)]
    [TestCase("holdout227", 60, 48, 36)]
    [TestCase("holdout228", 60, 48, 36)]
    [TestCase("holdout229", 60, 48, 36)]
    [TestCase("holdout230", 60, 48, 36)]
    [TestCase("holdout231", 60, 48, 36)]
    [TestCase("holdout232", 60, 48, 36)]
    [TestCase("holdout233", 60, 48, 36)]
    [TestCase("holdout234", 60, 48, 36)]
    [TestCase("holdout235", 60, 48, 36)]
    [TestCase("holdout236", 60, 48, 36)]
    [TestCase("holdout237", 60, 48, 36)]
    [TestCase("holdout238", 60, 48, 36)]
    [TestCase("holdout239", 60, 48, 36)]
    [TestCase("holdout240", 60, 48, 36)]
    [TestCase("holdout241", 60, 48, 36)]
    [TestCase("holdout242", 60, 48, 36)]
    [TestCase("holdout243", 60, 48, 36)]
    [TestCase("holdout244", 60, 48, 36)]
    [TestCase("holdout245", 60, 48, 36)]
    [TestCase("holdout246", 60, 48, 36)]
    [TestCase("holdout247", 60, 48, 36)]
    [TestCase("holdout248", 60, 48, 36)]
    [TestCase("holdout249", 60, 48, 36)]
    [TestCase("holdout250", 60, 48, 36)]
    [TestCase("holdout251", 60, 48, 36)]
    [TestCase("holdout252", 60, 48, 36)]
    [TestCase("holdout253", 60, 48, 36)]
    [TestCase("holdout254", 60, 48, 36)]
    [TestCase("holdout255", 60, 48, 36)]
    [TestCase("holdout256", 60, 48, 36)]
    [TestCase("holdout257", 60, 48, 36)]
    [TestCase("holdout258", 60, 48, 36)]
    [TestCase("holdout259", 60, 48, 36)]
    [TestCase("holdout260", 60, 48, 36)]
    [TestCase("holdout261", 60, 48, 36)]
    [TestCase("holdout262", 60, 48, 36)]
    [TestCase("holdout263", 60, 48, 36)]
    [TestCase("holdout264", 60, 48, 36)]
    [TestCase("holdout265", 60, 48, 36)]
    [TestCase("holdout266", 60, 48, 36)]
    public void TheHeldOutSetsHoldTheDocumentedEventsAndLabels(string folder, int confirmed, int disputed, int unverified)
    {
        string root = Path.Combine(RepoPaths.Root, "data", folder);
        List<DataFormats.ClaimSets.ClaimSet> sets = DataFormats.ClaimSets.LabeledClaimFolder.Load(root, ClaimCheckerLimits.Default);
        var cases = sets.SelectMany(s => s.Cases).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sets, Has.Count.EqualTo(12));
            Assert.That(cases.Count(c => c.Gold == Verdict.Confirmed), Is.EqualTo(confirmed));
            Assert.That(cases.Count(c => c.Gold == Verdict.Disputed), Is.EqualTo(disputed));
            Assert.That(cases.Count(c => c.Gold == Verdict.Unverified), Is.EqualTo(unverified));
            Assert.That(cases.Select(c => c.Id), Is.Unique);
            Assert.That(sets.Select(s => File.Exists(Path.Combine(root, s.Name, "rationale.md"))), Has.All.True, "every label is explained");
            Assert.That(File.ReadAllText(Path.Combine(root, "README.md")), Does.Contain($"**{confirmed}** | **{disputed}** | **{unverified}**"), "the README's totals");
        }
    }

    /// <summary>
    /// The sets written after <c>data/holdout82</c> keep claim length from giving the label away
    /// (docs/writing-held-out-sets.md): in every event the labels' mean lengths lie within 3 words of one another, and
    /// each label has a claim of 20 words or more and one of 14 or fewer.
    /// </summary>
    [TestCaseSource(nameof(LengthBalancedSets))]
    public void TheLengthBalancedSetsDoNotGiveTheLabelAwayByClaimLength(string folder)
    {
        Assert.That(ClaimLengthProblems(folder), Is.Empty);
    }

    /// <summary>The first set written under the length rule.</summary>
    private const int FirstLengthBalancedSet = 83;

    /// <summary>Every <c>data/holdoutN</c> folder from <see cref="FirstLengthBalancedSet"/> on, in number order.</summary>
    private static IEnumerable<string> LengthBalancedSets() =>
        Directory.EnumerateDirectories(Path.Combine(RepoPaths.Root, "data"), "holdout*")
            .Select(path => Path.GetFileName(path))
            .Select(name => (Name: name, Number: int.TryParse(name.AsSpan("holdout".Length), out int n) ? n : 0))
            .Where(set => set.Number >= FirstLengthBalancedSet)
            .OrderBy(set => set.Number)
            .Select(set => set.Name);

    /// <summary>The check above can fail: an earlier set, written before the rule, breaks it.</summary>
    [Test]
    public void TheLengthCheckFindsTheHabitOfAnEarlierSet()
    {
        Assert.That(ClaimLengthProblems("holdout80"), Is.Not.Empty);
    }

    private static List<string> ClaimLengthProblems(string folder)
    {
        string root = Path.Combine(RepoPaths.Root, "data", folder);
        var problems = new List<string>();
        foreach (DataFormats.ClaimSets.ClaimSet set in DataFormats.ClaimSets.LabeledClaimFolder.Load(root, ClaimCheckerLimits.Default))
        {
            var lengths = set.Cases
                .GroupBy(c => c.GoldLabel)
                .ToDictionary(g => g.Key, g => g.Select(c => c.Claim.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length).ToList());
            double[] means = lengths.Values.Select(v => v.Average()).ToArray();
            if (means.Max() - means.Min() > 3)
            {
                problems.Add($"{set.Name}: mean claim lengths by label differ by {means.Max() - means.Min():0.0} words");
            }
            foreach ((string label, List<int> words) in lengths)
            {
                if (words.Max() < 20 || words.Min() > 14)
                {
                    problems.Add($"{set.Name}: {label} claims run from {words.Min()} to {words.Max()} words");
                }
            }
        }
        return problems;
    }

    [Test]
    public void TheFiguresAreThoseOfTheVerdictsCheckGives()
    {
        string json = Temp.File("labeled.json");
        CliRun run = Cli.Run("evaluate", "--labeled", Sample, "--json", json);
        Assert.That(run.ExitCode, Is.Zero, run.StdErr);
        (int claims, int correct) = SampleByTheLibrary();
        using JsonDocument figures = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement sample = figures.RootElement.GetProperty("sets").GetProperty("sample");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sample.GetProperty("n").GetInt32(), Is.EqualTo(claims));
            Assert.That(sample.GetProperty("accuracy").GetDouble(), Is.EqualTo((double)correct / claims).Within(1e-4));
            Assert.That(run.StdOut, Does.Contain("Labeled claims: sample"));
        }
    }

    [Test]
    public void AFolderOfFoldersGivesOneRowEachAndAllTogether()
    {
        foreach (string name in new[] { "event-a", "event-b" })
        {
            string folder = Path.Combine(Temp.Path, "dev", name);
            Directory.CreateDirectory(Path.Combine(folder, "sources"));
            foreach (string file in Directory.GetFiles(Path.Combine(Sample, "sources")))
            {
                File.Copy(file, Path.Combine(folder, "sources", Path.GetFileName(file)));
            }
            File.Copy(Path.Combine(Sample, "claims.jsonl"), Path.Combine(folder, "claims.jsonl"));
        }
        string json = Temp.File("dev.json");
        CliRun run = Cli.Run("evaluate", "--labeled", Path.Combine(Temp.Path, "dev"), "--json", json);
        Assert.That(run.ExitCode, Is.Zero, run.StdErr);
        using JsonDocument figures = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement sets = figures.RootElement.GetProperty("sets");
        (int claims, int correct) = SampleByTheLibrary();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sets.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "event-a", "event-b", "all (2 sets)" }));
            Assert.That(sets.GetProperty("all (2 sets)").GetProperty("n").GetInt32(), Is.EqualTo(2 * claims));
            Assert.That(sets.GetProperty("all (2 sets)").GetProperty("accuracy").GetDouble(), Is.EqualTo((double)correct / claims).Within(1e-4));
        }
    }

    [TestCase("{\"id\": \"a\", \"claim\": \"The bridge closed.\", \"expected\": \"confirmed\"}\n{\"id\": \"b\", \"claim\": \"The bridge reopened.\"}\n", 2, "no 'expected' verdict")]
    [TestCase("{\"id\": \"a\", \"claim\": \"The bridge closed.\", \"expected\": \"true\"}\n", 1, "'expected' must be \"confirmed\", \"disputed\" or \"unverified\", found \"true\"")]
    [TestCase("{\"id\": \"a\", \"claim\": \"The bridge closed.\", \"expected\": 1}\n", 1, "found 1")]
    public void ClaimsWithoutAValidExpectedVerdictAreRefusedByLine(string claims, int line, string problem)
    {
        string folder = Path.Combine(Temp.Path, "bad");
        Directory.CreateDirectory(Path.Combine(folder, "sources"));
        File.WriteAllText(Path.Combine(folder, "sources", "a.txt"), "The bridge was closed on Tuesday.");
        File.WriteAllText(Path.Combine(folder, "claims.jsonl"), claims);
        CliRun run = Cli.Run("evaluate", "--labeled", folder);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.StdErr);
            Assert.That(run.StdErr, Does.Contain($"claims.jsonl:{line}: field 'expected'").And.Contain(problem));
        }
    }

    [Test]
    public void AFolderWithoutLabeledClaimsIsRefused()
    {
        CliRun run = Cli.Run("evaluate", "--labeled", Temp.Path);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.StdErr);
            Assert.That(run.StdErr, Does.Contain("no labeled claims found"));
        }
    }
}

/// <summary><c>claimml train --verdict-dev</c>: the verdict thresholds tuned with labeled claims as one more part.</summary>
public sealed class VerdictDevTrainingTests : TempDirectoryFixture
{
    [Test]
    public void TheTunedVerdictThresholdsAreStoredInTheModelAndRecorded()
    {
        string fnc = TinyLabeledSet.WriteFnc(Path.Combine(Temp.Path, "fnc"));
        string model = Path.Combine(Temp.Path, "m.zip");
        CliRun run = Cli.Run("train", "--data", fnc, "--verdict-dev", Path.Combine(RepoPaths.Root, "data", "sample"), "--cv-folds", "2", "--trees", "5", "--leaves", "4", "--min-leaf", "2", "--out", model);
        Assert.That(run.ExitCode, Is.Zero, run.StdErr);
        using JsonDocument metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(Temp.Path, "m.metrics.json")));
        JsonElement dev = metrics.RootElement.GetProperty("crossValidation").GetProperty("verdictDev");
        ClaimChecker checker = ClaimChecker.Load(model);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(dev.GetProperty("claims").GetInt32(), Is.EqualTo(7));
            Assert.That(dev.GetProperty("folder").GetString(), Is.EqualTo("sample"));
            Assert.That(checker.Model.Manifest.VerdictDecision!.Refutes, Is.EqualTo(dev.GetProperty("verdictDecisionThresholds").GetProperty("refutes").GetSingle()));
            Assert.That(checker.Model.Manifest.VerdictDecision!.Supports, Is.EqualTo(dev.GetProperty("verdictDecisionThresholds").GetProperty("supports").GetSingle()));
            Assert.That(run.StdErr, Does.Contain("Verdict thresholds tuned with 7 labeled claims of sample"));
        }
    }

    [Test]
    public void WithoutCrossValidationItIsRefusedBeforeTraining()
    {
        string fnc = TinyLabeledSet.WriteFnc(Path.Combine(Temp.Path, "fnc"));
        string model = Path.Combine(Temp.Path, "m.zip");
        CliRun run = Cli.Run("train", "--data", fnc, "--verdict-dev", Path.Combine(RepoPaths.Root, "data", "sample"), "--cv-folds", "0", "--trees", "5", "--out", model);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.StdErr);
            Assert.That(run.StdErr, Does.Contain("--verdict-dev needs cross-validation"));
            Assert.That(model, Does.Not.Exist);
        }
    }
}
