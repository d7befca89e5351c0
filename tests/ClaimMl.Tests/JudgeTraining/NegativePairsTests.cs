using System.Text.Json.Nodes;
using ClaimMl.Cli;
using ClaimMl.DataFormats;
using ClaimMl.DataFormats.NliSets;
using ClaimMl.Entailment;
using ClaimMl.Training;

namespace ClaimMl.Tests.JudgeTraining;

/// <summary>
/// "Neither" pairs mined with a judge from labeled unverified claims (<c>negative-pairs</c>): which claims and which
/// passages give pairs (checked against what the checker's public results show the judge read), the floor, and the
/// command's files, refusals and all-or-nothing writing. The judge is the tiny random one of the judge tests.
/// </summary>
[TestFixture]
[NonParallelizable] // swaps Console.Error (JudgeTrainerOutputTests.Run)
public sealed class NegativePairsTests : TempDirectoryFixture
{
    private static readonly string[] Sources =
    [
        "The council closed the bridge on Monday. Inspectors found cracks in the steel. Repairs will take three months. A ferry service runs for residents.",
        "The mayor said the bridge was safe. Engineers denied that it has cracks. Traffic takes a detour through the city.",
    ];

    private static readonly (string Id, string Claim, string Expected)[] Claims =
    [
        ("c1", "The council closed the bridge on Monday.", "confirmed"),
        ("c2", "Repairs will take twelve months.", "disputed"),
        ("c3", "The mayor said the repairs will take three weeks.", "unverified"),
        ("c4", "Trains were found in the river.", "unverified"),
    ];

    /// <summary>A judge that reads every source, three sentences and the window each, as the miner reads them.</summary>
    private string WriteJudge()
    {
        var builder = new Judge.JudgeZipBuilder();
        builder.Manifest["verdict"] = new JsonObject { ["entails"] = 0.5, ["contradicts"] = 0.5, ["relatedGate"] = 1.0, ["window"] = true };
        string path = Path.Combine(Temp.Path, "judge.zip");
        File.WriteAllBytes(path, builder.ToBytes());
        return path;
    }

    private string WriteSet(string name, params (string Id, string Claim, string Expected)[] claims)
    {
        string folder = Path.Combine(Temp.Path, name, "bridge");
        Directory.CreateDirectory(Path.Combine(folder, "sources"));
        for (int i = 0; i < Sources.Length; i++)
        {
            File.WriteAllText(Path.Combine(folder, "sources", $"0{i + 1}.txt"), Sources[i]);
        }
        File.WriteAllLines(Path.Combine(folder, "claims.jsonl"), claims.Select(c => $$"""{"id": "{{c.Id}}", "claim": "{{c.Claim}}", "expected": "{{c.Expected}}"}"""));
        return Path.Combine(Temp.Path, name);
    }

    [Test]
    public void OnlyUnverifiedClaimsGiveNeitherPairsFromThePassagesTheJudgeReadsAsTakingAPositionAboveTheFloor()
    {
        string set = WriteSet("set", Claims);
        using ClaimChecker checker = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).WithJudge(WriteJudge());
        SourceSet sources = checker.Index(Sources.Select((text, i) => new Source($"0{i + 1}.txt", text)));

        // What the checker shows it read for each claim: every passage of every source, with the judge's probabilities.
        var readings = Claims.ToDictionary(c => c.Id, c => checker.Check(c.Claim, sources).Sources
            .SelectMany(s => s.Passages)
            .Select(p => (Text: p.Text.Replace(PassageSelector.JoinedSeparator, " ", StringComparison.Ordinal), Position: Math.Max(p.Probabilities.Entails, p.Probabilities.Contradicts)))
            .ToList());
        Assert.That(readings.Values.Select(r => r.Count), Is.All.Positive, "each claim has passages read");
        // A floor in the middle of the unverified claims' readings, so that some passages are kept and some are not.
        List<float> positions = [.. readings["c3"].Concat(readings["c4"]).Select(r => r.Position).Order()];
        float floor = positions[positions.Count / 2];

        JudgedNegativePairs.Result result = JudgedNegativePairs.Read(checker, set, floor);

        var expected = new List<(string Claim, string Passage)>();
        foreach (var (id, claim, _) in Claims.Where(c => c.Expected == "unverified"))
        {
            expected.AddRange(readings[id].Where(r => r.Position >= floor).Select(r => r.Text).Distinct().Select(text => (claim, text)));
        }
        Assert.That(expected, Is.Not.Empty);
        Assert.That(expected, Has.Count.LessThan(readings["c3"].Count + readings["c4"].Count), "the floor leaves some passages out");
        Assert.That(result.Pairs.Select(p => (p.Claim, p.Passage)), Is.EqualTo(expected));
        Assert.That(result.Pairs.Select(p => (p.Group, p.Label, p.Kind)).Distinct(), Is.EqualTo(new[] { ("bridge", "neither", JudgedNegativePairs.Kind) }));
        Assert.That((result.Claims, result.UnverifiedClaims, result.PassagesRead), Is.EqualTo((4, 2, readings["c3"].Count + readings["c4"].Count)));

        Assert.That(JudgedNegativePairs.Read(checker, set, 0f).Pairs.Select(p => p.Passage), Is.EqualTo(readings["c3"].Select(r => r.Text).Distinct().Concat(readings["c4"].Select(r => r.Text).Distinct())), "floor 0: every passage read, once per claim");
        Assert.That(() => JudgedNegativePairs.Read(checker, set, 1.5f), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ConfirmedClaimsGivePairsFromThePassagesReadAsContradictingThemExceptThoseHoldingAQuotedSentence()
    {
        string set = WriteSet("set", Claims);
        const string Quoted = "The council closed the bridge on Monday.";
        File.WriteAllText(Path.Combine(set, "bridge", "rationale.md"), $"# bridge\n\n## c1: confirmed\n- 01.txt: \"{Quoted}\"\n");
        using ClaimChecker checker = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).WithJudge(WriteJudge());
        SourceSet sources = checker.Index(Sources.Select((text, i) => new Source($"0{i + 1}.txt", text)));
        var read = checker.Check(Claims[0].Claim, sources).Sources.SelectMany(s => s.Passages).ToList();
        var holding = read.Where(p => p.Text.Split(PassageSelector.JoinedSeparator).Any(part => part.Contains(Quoted, StringComparison.Ordinal))).ToList();
        var rest = read.Except(holding).ToList();
        Assert.That(holding, Is.Not.Empty, "the quoted sentence is the best-aligned one, so it is read");
        Assert.That(rest.Select(p => p.Probabilities.Contradicts).Distinct().Count(), Is.GreaterThan(1), "readings to put a floor between");
        // A floor between the unquoted passages' readings as contradicting: some are kept, some not.
        List<float> contradicting = [.. rest.Select(p => p.Probabilities.Contradicts).Order()];
        float floor = contradicting[contradicting.Count / 2];

        JudgedNegativePairs.Result result = JudgedNegativePairs.Read(checker, set, floor, MinedClaims.Confirmed);

        var expected = rest.Where(p => p.Probabilities.Contradicts >= floor)
            .Select(p => p.Text.Replace(PassageSelector.JoinedSeparator, " ", StringComparison.Ordinal)).Distinct().ToList();
        Assert.That(expected, Has.Count.InRange(1, rest.Count - 1));
        Assert.That(result.Pairs.Select(p => (p.Claim, p.Passage)), Is.EqualTo(expected.Select(text => (Claims[0].Claim, text))));
        Assert.That(result.Pairs.Select(p => (p.Label, p.Kind)).Distinct(), Is.EqualTo(new[] { ("neither", JudgedNegativePairs.ConfirmedKind) }));
        Assert.That((result.ConfirmedClaims, result.UnverifiedClaims, result.PassagesRead, result.QuotedPassages),
            Is.EqualTo((1, 0, read.Count, holding.Count(p => p.Probabilities.Contradicts >= floor))));

        // Both: the unverified claims' pairs as before, then (in claim order) the confirmed claim's.
        JudgedNegativePairs.Result both = JudgedNegativePairs.Read(checker, set, floor, MinedClaims.Both);
        var unverifiedOnly = JudgedNegativePairs.Read(checker, set, floor).Pairs;
        Assert.That(both.Pairs.Where(p => p.Kind == JudgedNegativePairs.Kind).Select(p => (p.Claim, p.Passage)), Is.EqualTo(unverifiedOnly.Select(p => (p.Claim, p.Passage))));
        Assert.That(both.Pairs.Where(p => p.Kind == JudgedNegativePairs.ConfirmedKind).Select(p => p.Passage), Is.EqualTo(expected));
        Assert.That(both.Pairs[0].Kind, Is.EqualTo(JudgedNegativePairs.ConfirmedKind), "c1 comes first in claims.jsonl");

        // Without a rationale.md, confirmed claims cannot be mined, and the file is named; unverified ones still can.
        File.Delete(Path.Combine(set, "bridge", "rationale.md"));
        Assert.That(() => JudgedNegativePairs.Read(checker, set, floor, MinedClaims.Confirmed),
            Throws.InstanceOf<ClaimMlDataException>().With.Message.Contain(Path.Combine("bridge", "rationale.md")));
        Assert.That(JudgedNegativePairs.Read(checker, set, floor).Pairs, Has.Count.EqualTo(unverifiedOnly.Count));
    }

    [Test]
    public void TheCommandWritesOneFileAFolderThatTheTrainerReads()
    {
        string judge = WriteJudge();
        string first = WriteSet("first", Claims), second = WriteSet("second", Claims[0]);
        string output = Path.Combine(Temp.Path, "pairs");

        (int exit, string stderr) = JudgeTrainerOutputTests.Run("negative-pairs", "--judge", judge, "--labeled", first, second, "--out", output, "--floor", "0");

        Assert.That(exit, Is.EqualTo(CommandRunner.Ok), stderr);
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName), Is.EquivalentTo(new[] { "first.jsonl", "second.jsonl" }));
        Assert.That(File.ReadAllText(Path.Combine(output, "second.jsonl")), Is.Empty, "no unverified claim, no pair");
        List<NliPair> read = WrittenPairs.Load(Path.Combine(output, "first.jsonl"));
        Assert.That(read, Is.Not.Empty);
        Assert.That(read.Select(p => p.Label).Distinct(), Is.EqualTo(new[] { EntailmentLabel.Neither }), "the trainer's reader of written pairs reads them");
        Assert.That(stderr, Does.Contain("first: 4 claims, 2 unverified;").And.Contain($"{read.Count} pairs").And.Contain("second: 1 claims, 0 unverified;"));
    }

    [Test]
    public void TheCommandMinesConfirmedClaimsWhenAskedAndSaysHowManyQuotedPassagesItLeftOut()
    {
        string judge = WriteJudge();
        string set = WriteSet("set", Claims);
        File.WriteAllText(Path.Combine(set, "bridge", "rationale.md"), "## c1: confirmed\n- 01.txt: \"The council closed the bridge on Monday.\"\n");
        string output = Path.Combine(Temp.Path, "pairs");

        (int exit, string stderr) = JudgeTrainerOutputTests.Run("negative-pairs", "--judge", judge, "--labeled", set, "--out", output, "--floor", "0", "--claims", "confirmed");

        Assert.That(exit, Is.EqualTo(CommandRunner.Ok), stderr);
        Assert.That(stderr, Does.Match(@"set: 4 claims, 1 confirmed; \d+ passages read, \d+ pairs \(read as contradicting with P ≥ 0\.00; [1-9]\d* holding a quoted sentence left out\)"));
        List<NliPair> read = WrittenPairs.Load(Path.Combine(output, "set.jsonl"));
        Assert.That(read, Is.Not.Empty);
        Assert.That(read.Select(p => p.Claim).Distinct(), Is.EqualTo(new[] { Claims[0].Claim }), "only the confirmed claim");
        Assert.That(read.Select(p => p.Passage), Has.None.Contain("The council closed the bridge on Monday."), "no passage holding the quote");
    }

    [Test]
    public void ABadFloorOrABadFolderIsNamedAndNothingIsWritten()
    {
        string judge = WriteJudge();
        string good = WriteSet("good", Claims);
        string bare = Path.Combine(Temp.Path, "bare");
        Directory.CreateDirectory(bare);
        string output = Path.Combine(Temp.Path, "pairs");

        (int exit, string stderr) = JudgeTrainerOutputTests.Run("negative-pairs", "--judge", judge, "--labeled", good, "--out", output, "--floor", "1.5");
        Assert.That(exit, Is.Not.EqualTo(CommandRunner.Ok));
        Assert.That(stderr, Does.Contain("--floor: 1.5 is not a probability"));

        (exit, stderr) = JudgeTrainerOutputTests.Run("negative-pairs", "--judge", judge, "--labeled", good, bare, "--out", output);
        Assert.That(exit, Is.Not.EqualTo(CommandRunner.Ok));
        Assert.That(stderr, Does.Contain(bare));
        Assert.That(Directory.Exists(output) ? Directory.GetFiles(output) : [], Is.Empty, "the good folder's file is not written either");
    }
}
