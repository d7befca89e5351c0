using ClaimMl.Tests.Checking;
using System.Text;
using System.Text.Json;
using ClaimMl.DataFormats;

namespace ClaimMl.Tests;

/// <summary>Runs <c>claimml check</c> as a user would: the console in a child process.</summary>
[TestFixture]
public class CheckCommandTests : TempDirectoryFixture
{
    private static readonly Dictionary<string, Verdict> VerdictWords = new()
    {
        ["confirmed"] = Verdict.Confirmed,
        ["disputed"] = Verdict.Disputed,
        ["unverified"] = Verdict.Unverified,
    };

    private static readonly Dictionary<string, Stance> StanceWords = new()
    {
        ["supports"] = Stance.Supports,
        ["refutes"] = Stance.Refutes,
        ["discusses"] = Stance.Discusses,
        ["unrelated"] = Stance.Unrelated,
    };

    internal static CliRun RunCli(params string[] args) => Cli.Run(args);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string[] PropertyNames(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [Test]
    public void JsonOutputOnTheSampleMatchesTheLibrary()
    {
        CliRun run = RunCli("check", "--sources", RepoPaths.SampleSources, "--claims", RepoPaths.SampleClaims, "--format", "json");
        Assert.That(run.ExitCode, Is.Zero, run.StdErr);

        List<ClaimInput> claims = ClaimFile.Read(RepoPaths.SampleClaims);
        List<Source> sourceFiles = SourceFolder.Read(RepoPaths.SampleSources);
        ClaimChecker checker = ClaimChecker.CreateDefault();
        SourceSet sources = checker.Index(sourceFiles);

        string[] lines = Lines(run.StdOut);
        Assert.That(lines, Has.Length.EqualTo(claims.Count), run.StdOut);
        Assert.That(claims, Has.Count.GreaterThanOrEqualTo(5));

        for (int i = 0; i < lines.Length; i++)
        {
            using JsonDocument document = JsonDocument.Parse(lines[i]);
            JsonElement root = document.RootElement;
            ClaimResult expected = checker.Check(claims[i].Text, sources);
            string where = $"line {i + 1}: {lines[i]}";

            Assert.That(claims[i].Expected, Is.Not.Null, "the sample's claims carry an expected verdict");
            Assert.That(PropertyNames(root), Is.EquivalentTo(new[] { "id", "claim", "verdict", "confidence", "expected", "sources" }), where);
            Assert.That(VerdictWords[root.GetProperty("expected").GetString()!], Is.EqualTo(claims[i].Expected), $"{where}: the claims file's expected verdict is passed through");
            string verdictWord = root.GetProperty("verdict").GetString()!;
            Assert.That(VerdictWords.Keys, Does.Contain(verdictWord), where);
            JsonElement sourcesJson = root.GetProperty("sources");
            Assert.That(sourcesJson.GetArrayLength(), Is.EqualTo(sourceFiles.Count), where);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(root.GetProperty("id").GetString(), Is.EqualTo(claims[i].Id), where);
                Assert.That(root.GetProperty("claim").GetString(), Is.EqualTo(claims[i].Text).And.EqualTo(expected.Claim), where);
                Assert.That(VerdictWords[verdictWord], Is.EqualTo(expected.Verdict), where);
                double confidence = root.GetProperty("confidence").GetDouble();
                Assert.That(confidence, Is.InRange(0.0, 1.0), where);
                Assert.That(confidence, Is.EqualTo(Math.Round(expected.Confidence, 4)).Within(1e-9), where);
            }

            var stances = new List<Stance>();
            for (int s = 0; s < sourceFiles.Count; s++)
            {
                JsonElement source = sourcesJson[s];
                SourceAssessment expectedSource = expected.Sources[s];
                Assert.That(PropertyNames(source), Is.EquivalentTo(new[] { "source", "stance", "probabilities", "evidence" }), where);
                JsonElement probabilities = source.GetProperty("probabilities");
                Assert.That(PropertyNames(probabilities), Is.EquivalentTo(StanceWords.Keys), where);
                string stanceWord = source.GetProperty("stance").GetString()!;
                Assert.That(StanceWords.Keys, Does.Contain(stanceWord), where);
                Stance stance = StanceWords[stanceWord];
                stances.Add(stance);

                using (Assert.EnterMultipleScope())
                {
                    Assert.That(source.GetProperty("source").GetString(), Is.EqualTo(sourceFiles[s].Name).And.EqualTo(expectedSource.Source), where);
                    Assert.That(stance, Is.EqualTo(expectedSource.Stance), where);
                    double sum = 0;
                    foreach (var (word, value) in StanceWords)
                    {
                        double p = probabilities.GetProperty(word).GetDouble();
                        sum += p;
                        Assert.That(p, Is.InRange(0.0, 1.0), $"{where} {word}");
                        Assert.That(p, Is.EqualTo(Math.Round(expectedSource.Probabilities[value], 4)).Within(1e-9), $"{where} {word}");
                    }
                    Assert.That(sum, Is.EqualTo(1.0).Within(1e-3), where);
                    StanceRule.AssertFollowed(checker, expectedSource, where);
                    JsonElement evidence = source.GetProperty("evidence");
                    Assert.That(evidence.ValueKind, Is.EqualTo(JsonValueKind.String).Or.EqualTo(JsonValueKind.Null), where);
                    Assert.That(evidence.ValueKind == JsonValueKind.Null ? null : evidence.GetString(), Is.EqualTo(expectedSource.Evidence), where);
                }
            }
            Assert.That(VerdictWords[verdictWord], Is.EqualTo(VerdictRule.Decide(stances)), $"{where}: the verdict does not follow the rule");
        }

        Assert.That(run.StdErr, Does.Contain($"{claims.Count} claims × {sourceFiles.Count} sources"));
        int agreeing = Enumerable.Range(0, claims.Count).Count(i => checker.Check(claims[i].Text, sources).Verdict == claims[i].Expected);
        Assert.That(run.StdErr, Does.Contain($"{agreeing} of {claims.Count} claims with an expected verdict got it"));
    }

    [Test]
    public void ClaimsWithoutAnExpectedVerdictHaveNoExpectedField()
    {
        CliRun json = RunCli("check", "--sources", RepoPaths.SampleSources, "--claims", Path.Combine(RepoPaths.Root, "data", "sample", "claims.txt"), "--format", "json");
        CliRun table = RunCli("check", "--sources", RepoPaths.SampleSources, "--claims", Path.Combine(RepoPaths.Root, "data", "sample", "claims.txt"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(json.ExitCode, Is.Zero, json.StdErr);
            foreach (string line in Lines(json.StdOut))
            {
                using JsonDocument document = JsonDocument.Parse(line);
                Assert.That(PropertyNames(document.RootElement), Does.Not.Contain("expected"), line);
            }
            Assert.That(json.StdErr, Does.Not.Contain("expected verdict"));
            Assert.That(table.StdOut, Does.Not.Contain("expected"));
        }
    }

    [Test]
    public void OutFileHoldsWhatStdoutWouldShow()
    {
        string outFile = Temp.File(Path.Combine("results", "check.jsonl"));
        CliRun toFile = RunCli("check", "--sources", RepoPaths.SampleSources, "--claims", RepoPaths.SampleClaims, "--format", "json", "--out", outFile);
        CliRun toStdout = RunCli("check", "--sources", RepoPaths.SampleSources, "--claims", RepoPaths.SampleClaims, "--format", "json");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(toFile.ExitCode, Is.Zero, toFile.StdErr);
            Assert.That(toFile.StdOut, Is.Empty);
            Assert.That(outFile, Does.Exist);
        }
        Assert.That(Lines(File.ReadAllText(outFile)), Is.EqualTo(Lines(toStdout.StdOut)).And.Not.Empty);
    }

    [Test]
    public void BrokenClaimsFileIsOneLineOnStderrAndExitCodeTwo()
    {
        string claims = Temp.WriteText("claims.jsonl", "{\"id\": \"a\", \"claim\": \"The bridge is closed.\"}\n{\"id\": \"b\", \"claim\": \n");
        CliRun run = RunCli("check", "--sources", RepoPaths.SampleSources, "--claims", claims, "--format", "json");
        string[] errorLines = Lines(run.StdErr);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.StdErr);
            Assert.That(errorLines, Has.Length.EqualTo(1), run.StdErr);
            Assert.That(run.StdErr, Does.Contain($"{claims}:2"));
            Assert.That(run.StdErr, Does.Not.Contain(" at ClaimMl").And.Not.Contain("   at "), "no stack trace without --verbose");
            Assert.That(run.StdOut, Is.Empty, "nothing is checked on a broken file");
        }
    }

    [Test]
    public void MissingSourcesFolderIsOneLineOnStderrAndExitCodeTwo()
    {
        string missing = Temp.File("no-sources");
        CliRun run = RunCli("check", "--sources", missing, "--claims", RepoPaths.SampleClaims);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.StdErr);
            Assert.That(Lines(run.StdErr), Has.Length.EqualTo(1), run.StdErr);
            Assert.That(run.StdErr, Does.Contain(missing));
        }
    }

    [Test]
    public void TableFormatRuns()
    {
        CliRun run = RunCli("check", "--sources", RepoPaths.SampleSources, "--claims", RepoPaths.SampleClaims, "--format", "table");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.StdErr);
            Assert.That(run.StdOut, Does.Contain("verdict").And.Contain("expected"), "the sample's expected verdicts get a column");
            Assert.That(run.StdOut, Does.Contain("✓").Or.Contain("✗"));
            foreach (ClaimInput claim in ClaimFile.Read(RepoPaths.SampleClaims))
            {
                Assert.That(run.StdOut, Does.Contain(claim.Id));
            }
        }
    }

    [Test]
    public void UnknownFormatIsRejected()
    {
        CliRun run = RunCli("check", "--sources", RepoPaths.SampleSources, "--claims", RepoPaths.SampleClaims, "--format", "xml");
        Assert.That(run.ExitCode, Is.Not.Zero);
    }

    [TestCase("Ambulance found on ring road\n\nA man was arrested.", "Ambulance found on ring road A man was arrested.")]
    [TestCase("one\r\ntwo\tthree", "one two three")]
    [TestCase("red \u001b[31malert\u0007", "red \uFFFD[31malert\uFFFD")]
    [TestCase("plain text", "plain text")]
    public void TheTableShowsLineBreaksAsASpaceAndOtherControlCharactersAsReplacementCharacters(string text, string shown) =>
        Assert.That(ClaimMl.Cli.CheckCommand.Printable(text), Is.EqualTo(shown));
}
