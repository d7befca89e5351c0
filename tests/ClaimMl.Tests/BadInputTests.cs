using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimMl.Cli;
using ClaimMl.DataFormats;
using ClaimMl.DataFormats.ClaimSets;
using ClaimMl.Features;
using ClaimMl.Model;
using ClaimMl.Training;
using Microsoft.ML;

namespace ClaimMl.Tests;

/// <summary>What a corpus case is fed to: the library call the console makes, and the console command itself.</summary>
/// <param name="FaultyFile">The file (or folder) an error must name.</param>
/// <param name="Library">The library path the console takes for this input (reader, then checker); returns what it produced.</param>
/// <param name="Cli">The <c>claimml</c> arguments.</param>
/// <param name="OutputFolder">A folder the command may write to, which must hold no temporary file afterwards (and nothing at all when the input is refused).</param>
internal sealed record Scenario(string FaultyFile, Func<object?> Library, string[] Cli, string? OutputFolder = null);

/// <summary>The documented outcome of a corpus case.</summary>
internal abstract record Outcome;

/// <summary>
/// Refused: a <see cref="ClaimMlDataException"/> (or, for a model, <see cref="ClaimMlModelException"/>) naming the file,
/// the line (0: the whole file) and the field; on the console, exit code 2 and that one line on stderr.
/// </summary>
internal sealed record Refused(int Line, string? Field, string Says) : Outcome;

/// <summary>Read and checked (or trained on); <paramref name="Library"/> and <paramref name="Cli"/> check what came out.</summary>
internal sealed record Accepted(Action<object?> Library, Action<CliRun> Cli) : Outcome;

/// <summary>One input of the bad-input corpus and its documented outcome.</summary>
internal sealed class BadInputCase
{
    public required string Kind { get; init; }

    public required string Name { get; init; }

    public required Func<TempDirectory, Scenario> Arrange { get; init; }

    public required Outcome Expected { get; init; }

    public override string ToString() => $"{Kind}/{Name}";
}

/// <summary>
/// The bad-input corpus (<c>BadInput/</c>, plus large or model files generated here): for every case, the library
/// path and the <c>claimml</c> console (a child process) give the documented outcome — a clear error naming the
/// file, line and field with exit code 2 and no stack trace, or a read whose results are checked — never an
/// unhandled exception, a hang or a silently wrong verdict.
/// </summary>
[TestFixture]
public sealed class BadInputTests
{
    private const double LibraryTimeoutSeconds = 60;
    private static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(2);

    private static readonly string Article =
        "The Merrow Bridge will stay closed until the end of March, the county engineer said on Monday.\n" +
        "Inspectors found cracks in two of its steel supports. The bridge carries about 12,000 vehicles a day.\n";

    private static string Corpus => Path.Combine(RepoPaths.Root, "tests", "ClaimMl.Tests", "BadInput");

    private static List<string> SampleClaims() => ClaimFile.Read(RepoPaths.SampleClaims).Select(c => c.Text).ToList();

    private static readonly Lazy<Dictionary<string, BadInputCase>> ByName = new(() => All().ToDictionary(c => c.ToString()));

    public static IEnumerable<string> Cases() => All().Select(c => c.ToString());

    /// <summary>One error case of each kind, for the --verbose check.</summary>
    public static IEnumerable<string> OneRefusedCasePerKind() => All()
        .Where(c => c.Expected is Refused)
        .GroupBy(c => c.Kind)
        .Select(g => g.First().ToString());

    internal static IEnumerable<BadInputCase> All()
    {
        // ---------------- sources (claimml check --sources) ----------------
        yield return SourceFile("empty.txt", new Refused(0, null, "the source is empty"));
        yield return SourceFile("whitespace-only.txt", new Refused(0, null, "only white space"));
        yield return SourceFile("invalid-utf8.txt", new Refused(3, null, "not valid UTF-8"));
        yield return SourceFile("overlong-utf8.txt", new Refused(2, null, "not valid UTF-8"));
        yield return SourceFile("truncated-utf8.txt", new Refused(2, null, "not valid UTF-8"));
        yield return SourceFile("encoded-surrogate.txt", new Refused(2, null, "not valid UTF-8"));
        yield return SourceFile("binary.txt", new Refused(1, null, "not valid UTF-8"));
        yield return SourceFile("nul-bytes.txt", new Refused(2, null, "NUL"));
        yield return SourceFile("utf16le-no-bom.txt", new Refused(1, null, "UTF-16 text without a byte-order mark"));
        yield return SourceFile("only-numbers.txt", new Refused(0, null, "no word"));
        yield return SourceFile("only-punctuation.txt", new Refused(0, null, "no word"));
        foreach (string bom in new[] { "utf16le-bom.txt", "utf16be-bom.txt", "utf8-bom.txt" })
        {
            yield return SourceFile(bom, SameAsSource(Article, "a byte-order mark is read and dropped: the results are those of the plain UTF-8 text"));
        }
        yield return SourceFile("cr-line-endings.txt", SameAsSource(Article, "old Mac line endings split sentences like \\n"));
        yield return SourceFile("no-sentence-punctuation.txt", AcceptedSource((results, text) =>
        {
            string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(results.SelectMany(r => r.Sources).Select(s => s.Evidence).OfType<string>().Except(lines), Is.Empty, "each line is a sentence");
        }));
        foreach (var (file, claim) in new[]
        {
            ("cyrillic.txt", "Мост Мерроу будет закрыт до конца марта."),
            ("korean.txt", "머로 다리는 3월 말까지 폐쇄된다."),
            ("arabic.txt", "سيبقى جسر ميرو مغلقا حتى نهاية مارس."),
        })
        {
            yield return SourceFile(file, AcceptedSource((_, text) =>
            {
                // Words of any script are tokens: a claim in the source's script aligns to the sentence that states it,
                // which is the lexical stage's evidence and the first passage the judge reads. (What the judge, trained
                // on English, then makes of the passages is not what this checks.)
                string stating = ClaimChecker.SplitSentences(text)[0];
                ClaimChecker checker = ClaimChecker.CreateDefault();
                ClaimResult result = checker.Check(claim, checker.Index([new Source(file, text)]));
                Assert.That(result.Sources[0].Stance, Is.Not.EqualTo(Stance.Unrelated), $"{claim} against {file}");
                Assert.That(result.Sources[0].Passages.Select(p => p.Text).FirstOrDefault(), Is.EqualTo(stating));
                ClaimChecker lexical = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly);
                Assert.That(lexical.Check(claim, lexical.Index([new Source(file, text)])).Sources[0].Evidence, Is.EqualTo(stating));
            }));
        }
        yield return SourceFile("emoji.txt", AcceptedSource((_, _) => { }));
        yield return SourceFile("control-characters.txt", AcceptedSource((_, _) => { }), format: "table", cli: run =>
        {
            Assert.That(run.StdOut, Does.Contain("verdict"));
            Assert.That(run.StdOut.Where(c => char.IsControl(c) && c is not ('\n' or '\r')), Is.Empty,
                "the table shows a source's control characters (ESC, BEL, backspace) as U+FFFD, never raw to the terminal");
        });
        yield return GeneratedSource("50-mb-source", "big.txt", path => WriteRepeated(path, Article, 50L * 1024 * 1024),
            new Refused(0, null, "over the limit of 10,000,000 (ClaimCheckerLimits.MaxSourceLength; raise it with ClaimChecker.WithLimits, ClaimCheckingOptions.Limits or claimml check --max-source-length)"));
        yield return GeneratedSource("100000-character-sentence", "long.txt", path => File.WriteAllText(path, LongSentence(100_000)),
            AcceptedSource((results, text) =>
            {
                Assert.That(ClaimChecker.SplitSentences(text), Has.Count.EqualTo(1));
                Assert.That(results.SelectMany(r => r.Sources).Select(s => s.Evidence), Has.All.Null.Or.EqualTo(text));
            }));
        yield return GeneratedSource("one-character-over-max-source-length", "a.txt", path => File.WriteAllText(path, new string('a', 1001)),
            new Refused(0, null, "holds more than 1,000 characters, over the limit of 1,000"), new ClaimCheckerLimits { MaxSourceLength = 1000 });
        yield return GeneratedSource("exactly-max-source-length", "a.txt", path => File.WriteAllText(path, LongSentence(1000)),
            AcceptedSource((_, text) => Assert.That(text, Has.Length.EqualTo(1000))), new ClaimCheckerLimits { MaxSourceLength = 1000 });
        yield return new BadInputCase
        {
            Kind = "source",
            Name = "more-sources-than-max-sources",
            Arrange = temp =>
            {
                var limits = new ClaimCheckerLimits { MaxSources = 3 };
                string folder = RepoPaths.SampleSources;
                return new Scenario(folder, () => SourceFolder.Read(folder, limits),
                    ["check", "--sources", folder, "--claims", RepoPaths.SampleClaims, "--max-sources", "3"]);
            },
            Expected = new Refused(0, null, "holds 4 .txt files, over the limit of 3 sources (ClaimCheckerLimits.MaxSources; raise it with ClaimChecker.WithLimits, ClaimCheckingOptions.Limits or claimml check --max-sources)"),
        };

        // ---------------- claims (claimml check --claims) ----------------
        yield return ClaimsFile("empty.jsonl", new Refused(0, null, "holds no claims"));
        yield return ClaimsFile("whitespace-only.jsonl", new Refused(0, null, "holds no claims"));
        yield return ClaimsFile("broken-line.jsonl", new Refused(3, null, "not a JSON object"));
        yield return ClaimsFile("trailing-comma.jsonl", new Refused(2, null, "not a JSON object"));
        yield return ClaimsFile("claim-number.jsonl", new Refused(2, "claim", "found Number"));
        yield return ClaimsFile("claim-null.jsonl", new Refused(1, "claim", "found Null"));
        yield return ClaimsFile("claim-missing.jsonl", new Refused(3, "claim", "no 'claim' field"));
        yield return ClaimsFile("claim-only-punctuation.jsonl", new Refused(2, "claim", "holds no word"));
        yield return ClaimsFile("duplicate-ids.jsonl", new Refused(3, "id", "'a' appears twice"));
        yield return ClaimsFile("array-line.jsonl", new Refused(2, null, "found Array"));
        yield return ClaimsFile("single-quotes.jsonl", new Refused(1, null, "not a JSON object"));
        yield return ClaimsFile("id-object.jsonl", new Refused(1, "id", "string or a number"));
        yield return ClaimsFile("invalid-utf8.jsonl", new Refused(2, null, "not valid UTF-8"));
        yield return ClaimsFile("nul.txt", new Refused(2, null, "NUL"));
        yield return ClaimsFile("utf16le-no-bom.txt", new Refused(1, null, "UTF-16 text without a byte-order mark"));
        yield return ClaimsFile("extension.csv", new Refused(0, null, "must be .jsonl or .txt"));
        yield return ClaimsFile("utf16le-bom.jsonl", AcceptedClaims(["a", "b"], ["The Merrow Bridge carries about 12,000 vehicles a day.", "Inspectors found cracks in the steel supports."]));
        yield return ClaimsFile("utf8-bom.jsonl", AcceptedClaims(["a"], ["The Merrow Bridge carries about 12,000 vehicles a day."]));
        yield return ClaimsFile("numbers-only.txt", AcceptedClaims(["1", "2"], ["12,000", "3,000 1998"]));
        yield return ClaimsFile("other-scripts.jsonl", AcceptedClaims(["ru", "ko", "ar", "emoji"], null, results =>
        {
            // No word in common with the English sample sources: nothing to support or refute.
            Assert.That(results.Take(3).Select(r => r.Verdict), Has.All.EqualTo(Verdict.Unverified));
        }));
        yield return GeneratedClaims("100000-character-claim.txt", path => File.WriteAllText(path, "The bridge is closed.\n" + LongSentence(100_000) + "\n"),
            new Refused(2, null, "the claim is 100,000 characters long, over the limit of 10,000 (ClaimCheckerLimits.MaxClaimLength; raise it with ClaimChecker.WithLimits, ClaimCheckingOptions.Limits or claimml check --max-claim-length)"));
        yield return GeneratedClaims("100000-character-claim.jsonl", path => File.WriteAllText(path, JsonSerializer.Serialize(new { id = "long", claim = LongSentence(100_000) }) + "\n"),
            new Refused(1, "claim", "100,000 characters long, over the limit of 10,000"));
        yield return GeneratedClaims("exactly-max-claim-length.txt", path => File.WriteAllText(path, LongSentence(300) + "\n"),
            AcceptedClaims(["1"], null), new ClaimCheckerLimits { MaxClaimLength = 300 });
        // A claims file is held to the longest source (MaxSourceLength) and refused before it is read whole.
        yield return GeneratedClaims("claims-file-over-max-source-length.txt", path => WriteRepeated(path, "The bridge is closed.\n", 1001),
            new Refused(0, null, "holds more than 1,000 characters, over the limit of 1,000 (ClaimCheckerLimits.MaxSourceLength"), new ClaimCheckerLimits { MaxSourceLength = 1000 });

        // ---------------- a text checked sentence by sentence (claimml check --text) ----------------
        yield return TextFile("empty.txt", new Refused(0, null, "holds no sentences"));
        // Every sentence of a text is checked, as ClaimChecker.CheckText does (the HTML report shows the text whole):
        // a sentence with no word aligns with nothing, so every source is unrelated to it and it is unverified.
        yield return TextFile("only-punctuation.txt", AcceptedText(["0", "1", "2", "3"], wordless: ["0", "1", "2", "3"]));
        yield return TextFile("separators.txt", AcceptedText(["0", "1", "2", "3", "4"], wordless: ["1", "3"]));
        yield return new BadInputCase
        {
            Kind = "text",
            Name = "100000-character-sentence",
            Arrange = temp =>
            {
                string path = temp.WriteText("summary.txt", "The bridge is closed.\nIt reopens in March.\n" + LongSentence(100_000) + "\n");
                return new Scenario(path, () => CheckText(path),
                    ["check", "--sources", RepoPaths.SampleSources, "--text", path, "--format", "json"]);
            },
            Expected = new Refused(3, null, "sentence 2 is 100,000 characters long, over the limit of 10,000"),
        };
        yield return new BadInputCase
        {
            Kind = "text",
            Name = "text-over-max-source-length",
            Arrange = temp =>
            {
                string path = temp.File("summary.txt");
                WriteRepeated(path, "The bridge is closed. ", 1001);
                var limits = new ClaimCheckerLimits { MaxSourceLength = 1000 };
                return new Scenario(path, () => CheckText(path, limits),
                    ["check", "--sources", RepoPaths.SampleSources, "--text", path, "--format", "json", .. LimitArguments(limits)]);
            },
            Expected = new Refused(0, null, "holds more than 1,000 characters, over the limit of 1,000 (ClaimCheckerLimits.MaxSourceLength"),
        };

        // ---------------- FNC-1 training data (claimml train --data) ----------------
        yield return Fnc("missing-column", "train_stances.csv", new Refused(3, "Stance", "'Stance' is missing"));
        yield return Fnc("extra-column", "train_stances.csv", new Refused(3, "column 4", "4 fields; expected 3"));
        yield return Fnc("wrong-header", "train_stances.csv", new Refused(1, null, "the header is 'Headline,BodyId,Stance'"));
        yield return Fnc("unclosed-quote", "train_bodies.csv", new Refused(2, null, "quot"));
        yield return Fnc("duplicate-body-id", "train_bodies.csv", new Refused(6, "Body ID", "body id 8 appears twice"));
        yield return Fnc("unknown-stance", "train_stances.csv", new Refused(3, "Stance", "'maybe' is not a stance"));
        yield return Fnc("missing-body", "train_stances.csv", new Refused(3, "Body ID", "body id 99 is not in train_bodies.csv"));
        yield return Fnc("non-numeric-body-id", "train_stances.csv", new Refused(3, "Body ID", "'eight' is not a body id"));
        yield return Fnc("empty-bodies", "train_bodies.csv", new Refused(1, null, "the file is empty"));
        yield return Fnc("header-only-stances", "train_stances.csv", new Refused(0, null, "no stance rows"));
        yield return Fnc("nul-field", "train_bodies.csv", new Refused(3, "articleBody", "NUL"));
        yield return Fnc("invalid-utf8", "train_stances.csv", new Refused(3, null, "not valid UTF-8"));
        yield return Fnc("unreferenced-body", "train_bodies.csv", new Accepted(
            result => Assert.That(((LabeledPairSet)result!).Sources, Has.Count.EqualTo(5)),
            run => Assert.That(run.StdErr, Does.Contain("1 bodies have no stance row (used for term weights and --synthetic only)"))));
        yield return Fnc("utf16le-bom", "train_stances.csv", new Accepted(
            result => Assert.That(((LabeledPairSet)result!).Pairs, Is.EqualTo(FncDataset.Load(Path.Combine(Corpus, "fnc", "good"), FncSplit.Train).Pairs)),
            _ => { }));

        // ---------------- a claim-level set (claimml evaluate --sets), Climate-FEVER's JSON Lines ----------------
        yield return ClimateFever("broken-line", new Refused(2, null, "not valid JSON"));
        yield return ClimateFever("trailing-comma", new Refused(2, null, "not valid JSON"));
        yield return ClimateFever("claim-number", new Refused(2, "claim", "must be a string, found Number"));
        yield return ClimateFever("claim-null", new Refused(2, "claim", "must be a string, found Null"));
        yield return ClimateFever("unknown-label", new Refused(2, "claim_label", "'MAYBE' is not a Climate-FEVER label"));

        // ---------------- model files (claimml check --model), generated from the shipped model ----------------
        yield return ModelCase("empty.zip", _ => [], "is not a readable ClaimMl model file");
        yield return ModelCase("truncated-half.zip", m => m[..(m.Length / 2)], "is not a readable ClaimMl model file");
        yield return ModelCase("truncated-last-100-bytes.zip", m => m[..^100], "is not a readable ClaimMl model file");
        yield return ModelCase("text.zip", _ => "not a model at all\n"u8.ToArray(), "is not a readable ClaimMl model file");
        yield return ModelCase("another-ml-net-model.zip", _ => OtherMlNetModel(), "is an ML.NET model, not a ClaimMl model file");
        yield return ModelCase("stage-of-another-kind.zip",
            m => TestFiles.RewriteModel(m, (name, content) => name == "stage-related.zip" ? OtherMlNetModel() : content),
            "stage 'Related' is not a calibrated FastTree binary model");
        yield return ModelCase("future-format-version.zip", m => EditManifest(m, j => j["formatVersion"] = ModelManifest.CurrentFormatVersion + 1),
            $"has format version {ModelManifest.CurrentFormatVersion + 1}, newer than this version of ClaimMl reads ({ModelManifest.CurrentFormatVersion}); update ClaimMl");
        yield return ModelCase("past-format-version.zip", m => EditManifest(m, j => j["formatVersion"] = 0),
            $"has format version 0; this version of ClaimMl reads version {ModelManifest.CurrentFormatVersion}. Retrain it with 'claimml train'");
        yield return ModelCase("future-feature-set.zip", m => EditManifest(m, j => j["featureSetVersion"] = FeatureSet.Version + 1), "was trained with another feature set");
        yield return new BadInputCase
        {
            Kind = "model",
            Name = "a-folder",
            Arrange = temp =>
            {
                string folder = Directory.CreateDirectory(temp.File("model.zip")).FullName;
                return new Scenario(folder, () => ClaimChecker.Load(folder), ["check", "--sources", RepoPaths.SampleSources, "--claims", RepoPaths.SampleClaims, "--model", folder]);
            },
            Expected = new Refused(0, null, "is a folder, not a model file"),
        };
    }

    [TestCaseSource(nameof(Cases))]
    public void LibraryGivesTheDocumentedOutcome(string name)
    {
        BadInputCase c = ByName.Value[name];
        using var temp = new TempDirectory();
        Scenario scenario = c.Arrange(temp);
        switch (c.Expected)
        {
            case Refused refused when c.Kind == "model":
            {
                ClaimMlModelException? e = Assert.Throws<ClaimMlModelException>(() => Bounded.Run(scenario.Library, LibraryTimeoutSeconds));
                Assert.That(e!.Message, Does.Contain(scenario.FaultyFile).And.Contain(refused.Says));
                break;
            }
            case Refused refused:
            {
                ClaimMlDataException? e = Assert.Throws<ClaimMlDataException>(() => Bounded.Run(scenario.Library, LibraryTimeoutSeconds));
                using (Assert.EnterMultipleScope())
                {
                    Assert.That(e!.File, Is.EqualTo(scenario.FaultyFile), e.Message);
                    Assert.That(e.Line, Is.EqualTo(refused.Line), e.Message);
                    Assert.That(e.Field, Is.EqualTo(refused.Field), e.Message);
                    Assert.That(e.Problem, Does.Contain(refused.Says), e.Message);
                }
                break;
            }
            case Accepted accepted:
                accepted.Library(Bounded.Run(scenario.Library, LibraryTimeoutSeconds));
                break;
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void ConsoleGivesTheDocumentedOutcome(string name)
    {
        BadInputCase c = ByName.Value[name];
        using var temp = new TempDirectory();
        Scenario scenario = c.Arrange(temp);
        CliRun run = Cli.Run(CliTimeout, scenario.Cli);
        switch (c.Expected)
        {
            case Refused refused:
                AssertOneErrorLine(run, scenario.FaultyFile, refused);
                if (scenario.OutputFolder is not null)
                {
                    Assert.That(Directory.Exists(scenario.OutputFolder) ? Directory.GetFileSystemEntries(scenario.OutputFolder) : [], Is.Empty,
                        "nothing is written for refused input");
                }
                break;
            case Accepted accepted:
                Assert.That(run.ExitCode, Is.Zero, run.StdErr);
                Assert.That(run.StdErr, Does.Not.Contain("error").And.Not.Contain("   at "));
                accepted.Cli(run);
                if (scenario.OutputFolder is not null)
                {
                    // a training run: the model and its metrics, both complete, and nothing else
                    Assert.That(Directory.GetFiles(scenario.OutputFolder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "stance.zip", "stance.metrics.json" }));
                    Assert.That(ClaimChecker.Load(Path.Combine(scenario.OutputFolder, "stance.zip")).Model.Manifest.TrainingPairs, Is.Positive);
                    Assert.That(JsonNode.Parse(File.ReadAllText(Path.Combine(scenario.OutputFolder, "stance.metrics.json")))!["modelSha256"]!.GetValue<string>(),
                        Is.EqualTo(TrainCommand.Sha256(Path.Combine(scenario.OutputFolder, "stance.zip"))), "the metrics describe the model written beside them");
                }
                break;
        }
    }

    [TestCaseSource(nameof(OneRefusedCasePerKind))]
    public void VerboseAddsTheStackTrace(string name)
    {
        BadInputCase c = ByName.Value[name];
        using var temp = new TempDirectory();
        Scenario scenario = c.Arrange(temp);
        CliRun run = Cli.Run(CliTimeout, [.. scenario.Cli, "--verbose"]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(CommandRunner.InputError), run.StdErr);
            Assert.That(run.ErrorLines[0], Does.StartWith("error: ").And.Contain(scenario.FaultyFile));
            Assert.That(run.StdErr, Does.Contain("   at ClaimMl."), "--verbose prints the stack trace");
        }
    }

    [Test]
    public void TheCorpusHasAtLeastFiftyCasesAndUsesEveryFileOfTheFolder()
    {
        List<BadInputCase> cases = All().ToList();
        Assert.That(cases, Has.Count.GreaterThanOrEqualTo(50));
        Assert.That(cases.Select(c => c.ToString()), Is.Unique);
        string[] files = Directory.GetFiles(Corpus, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Corpus, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith('.') && !f.EndsWith(".md", StringComparison.Ordinal) && !f.StartsWith("fnc/good/", StringComparison.Ordinal))
            .ToArray();
        var used = new HashSet<string>();
        foreach (BadInputCase c in cases)
        {
            using var temp = new TempDirectory();
            _ = c.Arrange(temp);
            used.UnionWith(UsedCorpusFiles);
            UsedCorpusFiles.Clear();
        }
        Assert.That(files, Is.SubsetOf(used), "every file of BadInput/ is a case");
        TestContext.Progress.WriteLine($"bad-input corpus: {cases.Count} cases ({string.Join(", ", cases.GroupBy(c => c.Kind).Select(g => $"{g.Key} {g.Count()}"))}); " +
            $"{cases.Count(c => c.Expected is Refused)} refused, {cases.Count(c => c.Expected is Accepted)} accepted");
    }

    private static void AssertOneErrorLine(CliRun run, string file, Refused refused)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(CommandRunner.InputError), run.StdErr);
            Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.StdErr);
            Assert.That(run.StdErr, Does.StartWith("error: "));
            Assert.That(run.StdErr, Does.Contain(refused.Line > 0 ? $"{file}:{refused.Line}: " : file));
            if (refused.Field is not null)
            {
                Assert.That(run.StdErr, Does.Contain($"field '{refused.Field}'"));
            }
            Assert.That(run.StdErr, Does.Contain(refused.Says));
            Assert.That(run.StdErr, Does.Not.Contain("   at "), "no stack trace without --verbose");
            Assert.That(run.StdOut, Is.Empty, "nothing is checked on refused input");
        }
    }

    // ------------------------------------------------------------------ case builders

    [ThreadStatic]
    private static HashSet<string>? usedCorpusFiles;

    private static HashSet<string> UsedCorpusFiles => usedCorpusFiles ??= [];

    /// <summary>Copies a corpus file to <paramref name="target"/>, noting it as used.</summary>
    private static string CopyCorpusFile(string relative, string target)
    {
        UsedCorpusFiles.Add(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(Corpus, relative), target, overwrite: true);
        return target;
    }

    private static BadInputCase SourceFile(string file, Outcome expected, string format = "json", Action<CliRun>? cli = null) => new()
    {
        Kind = "source",
        Name = file,
        Arrange = temp => SourceScenario(temp, file, folder => CopyCorpusFile($"sources/{file}", Path.Combine(folder, file)), ClaimCheckerLimits.Default, format),
        Expected = cli is null || expected is not Accepted a ? expected : a with { Cli = run => { a.Cli(run); cli(run); } },
    };

    private static BadInputCase GeneratedSource(string name, string file, Action<string> write, Outcome expected, ClaimCheckerLimits? limits = null) => new()
    {
        Kind = "source",
        Name = name,
        Arrange = temp => SourceScenario(temp, file, folder => write(Path.Combine(folder, file)), limits ?? ClaimCheckerLimits.Default, "json"),
        Expected = expected,
    };

    private static Scenario SourceScenario(TempDirectory temp, string file, Action<string> write, ClaimCheckerLimits limits, string format)
    {
        string folder = Directory.CreateDirectory(temp.File("sources")).FullName;
        write(folder);
        string path = Path.Combine(folder, file);
        return new Scenario(path,
            () =>
            {
                List<Source> sources = SourceFolder.Read(folder, limits);
                ClaimChecker checker = ClaimChecker.CreateDefault().WithLimits(limits);
                return (sources[0].Text, checker.CheckAll(SampleClaims(), checker.Index(sources)));
            },
            ["check", "--sources", folder, "--claims", RepoPaths.SampleClaims, "--format", format, .. LimitArguments(limits)]);
    }

    /// <summary>A source read and checked: every result is well formed; <paramref name="verify"/> gets the results and the text read.</summary>
    private static Accepted AcceptedSource(Action<IReadOnlyList<ClaimResult>, string> verify) => new(
        result =>
        {
            var (text, results) = ((string, IReadOnlyList<ClaimResult>))result!;
            AssertWellFormed(results, [text]);
            verify(results, text);
        },
        run => Assert.That(run.StdOut, Is.Not.Empty));

    /// <summary>A source whose results must be exactly those of <paramref name="expectedText"/> given as a string.</summary>
    private static Accepted SameAsSource(string expectedText, string why) => AcceptedSource((results, text) =>
    {
        ClaimChecker checker = ClaimChecker.CreateDefault();
        SourceSet reference = checker.Index([new Source(results[0].Sources[0].Source, expectedText)]);
        Assert.That(results.Select(DependencyInjectionTests.Describe), Is.EqualTo(SampleClaims().Select(c => DependencyInjectionTests.Describe(checker.Check(c, reference)))), why);
        Assert.That(text.ReplaceLineEndings("\n"), Is.EqualTo(expectedText), why);
    });

    private static BadInputCase ClaimsFile(string file, Outcome expected) => new()
    {
        Kind = "claims",
        Name = file,
        Arrange = temp => ClaimsScenario(temp.File(file), path => CopyCorpusFile($"claims/{file}", path), ClaimCheckerLimits.Default),
        Expected = expected,
    };

    private static BadInputCase GeneratedClaims(string file, Action<string> write, Outcome expected, ClaimCheckerLimits? limits = null) => new()
    {
        Kind = "claims",
        Name = file,
        Arrange = temp => ClaimsScenario(temp.File(file), write, limits ?? ClaimCheckerLimits.Default),
        Expected = expected,
    };

    private static Scenario ClaimsScenario(string path, Action<string> write, ClaimCheckerLimits limits)
    {
        write(path);
        return new Scenario(path,
            () =>
            {
                List<ClaimInput> claims = ClaimFile.Read(path, limits);
                ClaimChecker checker = ClaimChecker.CreateDefault().WithLimits(limits);
                return (claims, checker.CheckAll(claims.Select(c => c.Text).ToList(), checker.Index(SourceFolder.Read(RepoPaths.SampleSources))));
            },
            ["check", "--sources", RepoPaths.SampleSources, "--claims", path, "--format", "json", .. LimitArguments(limits)]);
    }

    private static Accepted AcceptedClaims(string[] ids, string[]? texts, Action<IReadOnlyList<ClaimResult>>? verify = null) => new(
        result =>
        {
            var (claims, results) = ((List<ClaimInput>, IReadOnlyList<ClaimResult>))result!;
            Assert.That(claims.Select(c => c.Id), Is.EqualTo(ids));
            if (texts is not null)
            {
                Assert.That(claims.Select(c => c.Text), Is.EqualTo(texts));
            }
            AssertWellFormed(results, SourceFolder.Read(RepoPaths.SampleSources).Select(s => s.Text).ToArray());
            verify?.Invoke(results);
        },
        run => Assert.That(JsonIds(run.StdOut), Is.EqualTo(ids)));

    private static BadInputCase TextFile(string file, Outcome expected) => new()
    {
        Kind = "text",
        Name = file,
        Arrange = temp =>
        {
            string path = CopyCorpusFile($"text/{file}", temp.File(file));
            return new Scenario(path, () => CheckText(path),
                ["check", "--sources", RepoPaths.SampleSources, "--text", path, "--format", "json"]);
        },
        Expected = expected,
    };

    /// <summary>What <c>check --text</c> does in the library: read, split (within the limits), check against the sample sources.</summary>
    private static (List<ClaimInput> Sentences, IReadOnlyList<ClaimResult> Results) CheckText(string path, ClaimCheckerLimits? limits = null)
    {
        limits ??= ClaimCheckerLimits.Default;
        List<ClaimInput> sentences = CheckCommand.SentencesOf(path, StrictText.ReadAll(path, limits), limits);
        ClaimChecker checker = ClaimChecker.CreateDefault().WithLimits(limits);
        return (sentences, checker.CheckAll(sentences.Select(c => c.Text).ToList(), checker.Index(SourceFolder.Read(RepoPaths.SampleSources))));
    }

    private static Accepted AcceptedText(string[] ids, string[] wordless) => new(
        result =>
        {
            var (sentences, results) = ((List<ClaimInput>, IReadOnlyList<ClaimResult>))result!;
            Assert.That(sentences.Select(c => c.Id), Is.EqualTo(ids));
            AssertWellFormed(results, SourceFolder.Read(RepoPaths.SampleSources).Select(s => s.Text).ToArray());
            for (int i = 0; i < results.Count; i++)
            {
                if (wordless.Contains(sentences[i].Id))
                {
                    Assert.That(results[i].Verdict, Is.EqualTo(Verdict.Unverified), sentences[i].Text);
                    Assert.That(results[i].Sources.Select(s => s.Stance), Has.All.EqualTo(Stance.Unrelated), sentences[i].Text);
                    Assert.That(results[i].Sources.Select(s => s.Evidence), Has.All.Null, sentences[i].Text);
                }
            }
        },
        run => Assert.That(JsonIds(run.StdOut), Is.EqualTo(ids)));

    private static BadInputCase Fnc(string name, string badFile, Outcome expected) => new()
    {
        Kind = "fnc-1",
        Name = name,
        Arrange = temp =>
        {
            string folder = Directory.CreateDirectory(temp.File("fnc-1")).FullName;
            foreach (string file in new[] { "train_bodies.csv", "train_stances.csv" })
            {
                File.Copy(Path.Combine(Corpus, "fnc", "good", file), Path.Combine(folder, file));
            }
            string path = CopyCorpusFile($"fnc/{name}/{badFile}", Path.Combine(folder, badFile));
            string output = temp.File("model");
            return new Scenario(path, () => FncDataset.Load(folder, FncSplit.Train),
                ["train", "--data", folder, "--out", Path.Combine(output, "stance.zip"), "--cv-folds", "0", "--trees", "3", "--leaves", "2", "--min-leaf", "1"], output);
        },
        Expected = expected,
    };

    private static BadInputCase ClimateFever(string name, Outcome expected) => new()
    {
        Kind = "climate-fever",
        Name = name,
        Arrange = temp =>
        {
            string root = Directory.CreateDirectory(temp.File("sets")).FullName;
            string path = CopyCorpusFile($"climate-fever/{name}/climate-fever/{ClimateFeverDataset.FileName}", Path.Combine(root, "climate-fever", ClimateFeverDataset.FileName));
            return new Scenario(path, () => ClimateFeverDataset.Load(Path.Combine(root, "climate-fever")), ["evaluate", "--sets", root]);
        },
        Expected = expected,
    };

    private static BadInputCase ModelCase(string name, Func<byte[], byte[]> make, string says) => new()
    {
        Kind = "model",
        Name = name,
        Arrange = temp =>
        {
            string path = temp.WriteBytes(name, make(TestFiles.EmbeddedModelBytes()));
            return new Scenario(path, () => ClaimChecker.Load(path), ["check", "--sources", RepoPaths.SampleSources, "--claims", RepoPaths.SampleClaims, "--model", path]);
        },
        Expected = new Refused(0, null, says),
    };

    private static string[] LimitArguments(ClaimCheckerLimits limits)
    {
        var args = new List<string>();
        if (limits.MaxSourceLength != ClaimCheckerLimits.DefaultMaxSourceLength)
        {
            args.AddRange(["--max-source-length", limits.MaxSourceLength.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        if (limits.MaxClaimLength != ClaimCheckerLimits.DefaultMaxClaimLength)
        {
            args.AddRange(["--max-claim-length", limits.MaxClaimLength.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        if (limits.MaxSources != ClaimCheckerLimits.DefaultMaxSources)
        {
            args.AddRange(["--max-sources", limits.MaxSources.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        return args.ToArray();
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>Every result well formed: one assessment per source, finite probabilities summing to 1, the verdict by the rule, evidence from a source.</summary>
    internal static void AssertWellFormed(IReadOnlyList<ClaimResult> results, IReadOnlyList<string> sourceTexts)
    {
        foreach (ClaimResult r in results)
        {
            Assert.That(r.Sources, Has.Count.EqualTo(sourceTexts.Count));
            Assert.That(r.Confidence, Is.InRange(0f, 1f), r.Claim);
            Assert.That(r.Verdict, Is.EqualTo(VerdictRule.Decide(r.Sources.Select(s => s.Stance).ToArray())), r.Claim);
            for (int i = 0; i < r.Sources.Count; i++)
            {
                StanceProbabilities p = r.Sources[i].Probabilities;
                float[] all = [p.Supports, p.Refutes, p.Discusses, p.Unrelated];
                Assert.That(all.All(float.IsFinite) && all.All(x => x is >= 0 and <= 1), Is.True, $"{r.Claim}: {p}");
                Assert.That(all.Sum(), Is.EqualTo(1f).Within(1e-5f), r.Claim);
                if (r.Sources[i].Evidence is string evidence)
                {
                    // A joined window shows its two sentences with " … " between them: each is text of the source.
                    foreach (string part in evidence.Split(" … "))
                    {
                        Assert.That(sourceTexts[i], Does.Contain(part), "the evidence is text of the source");
                    }
                }
            }
        }
    }

    private static string[] JsonIds(string jsonLines) => jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!).ToArray();

    /// <summary>A sentence of <paramref name="length"/> characters: words from the article, no sentence punctuation, no line break.</summary>
    private static string LongSentence(int length)
    {
        string[] words = Article.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var text = new StringBuilder(length + 20);
        for (int i = 0; text.Length < length; i++)
        {
            text.Append(words[i % words.Length]).Append(' ');
        }
        return text.ToString(0, length - 1) + "x";
    }

    private static void WriteRepeated(string path, string text, long bytes)
    {
        byte[] chunk = Encoding.UTF8.GetBytes(text);
        using var file = File.Create(path);
        for (long written = 0; written < bytes; written += chunk.Length)
        {
            file.Write(chunk);
        }
    }

    private static byte[] EditManifest(byte[] model, Action<JsonObject> edit) => TestFiles.RewriteModel(model, (name, content) =>
    {
        if (name != "manifest.json")
        {
            return content;
        }
        JsonObject manifest = JsonNode.Parse(content)!.AsObject();
        edit(manifest);
        return Encoding.UTF8.GetBytes(manifest.ToJsonString());
    });

    private static readonly Lazy<byte[]> OtherModel = new(() =>
    {
        // An ordinary ML.NET model (logistic regression on the same features), as another project would save one.
        var ml = new MLContext(seed: 1);
        var random = new Random(1);
        var rows = Enumerable.Range(0, 40).Select(i => new StageRow
        {
            Features = Enumerable.Range(0, FeatureSet.Count).Select(_ => random.NextSingle()).ToArray(),
            Label = i % 2 == 0,
        }).ToList();
        IDataView data = ml.Data.LoadFromEnumerable(rows);
        ITransformer model = ml.BinaryClassification.Trainers.SdcaLogisticRegression(nameof(StageRow.Label), nameof(StageRow.Features)).Fit(data);
        using var bytes = new MemoryStream();
        ml.Model.Save(model, data.Schema, bytes);
        return bytes.ToArray();
    });

    private static byte[] OtherMlNetModel() => OtherModel.Value;
}
