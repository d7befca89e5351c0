using ClaimMl.Cli;
using ClaimMl.DataFormats.NliSets;
using ClaimMl.Entailment;
using ClaimMl.Training;

namespace ClaimMl.Tests.JudgeTraining;

/// <summary>
/// Judge training pairs from labeled claims and their rationale quotes (<c>quote-pairs</c>): which quotes make which
/// pairs, what is skipped, the exact bytes written, and a bad folder refused with nothing written.
/// </summary>
[TestFixture]
[NonParallelizable] // swaps Console.Error (JudgeTrainerOutputTests.Run)
public sealed class QuotePairsTests : TempDirectoryFixture
{
    private const string Wire = "On Monday the council closed the bridge. Engineers found two cracks in a pier. The council said \"safety comes first\". It will reopen in May. Traffic was diverted through Ashby.";
    private const string Statement = "The council denies that the bridge will stay shut until May. It expects to reopen it in June.";

    private string WriteEvent(string setFolder, string name, string rationale)
    {
        string folder = Path.Combine(Temp.Path, setFolder, name);
        Directory.CreateDirectory(Path.Combine(folder, "sources"));
        File.WriteAllText(Path.Combine(folder, "sources", "01-wire.txt"), Wire);
        File.WriteAllText(Path.Combine(folder, "sources", "02-statement.txt"), Statement);
        File.WriteAllLines(Path.Combine(folder, "claims.jsonl"),
        [
            """{"id": "c1", "claim": "Cracks in a pier led the council to shut the bridge on Monday.", "expected": "confirmed"}""",
            """{"id": "c2", "claim": "The council blamed the closure on a lorry strike.", "expected": "unverified"}""",
            """{"id": "c3", "claim": "The bridge will reopen in July.", "expected": "disputed"}""",
            """{"id": "c4", "claim": "The bridge will reopen in May.", "expected": "disputed"}""",
            """{"id": "c5", "claim": "Traffic went through Ashby.", "expected": "confirmed"}""",
            """{"id": "c6", "claim": "The council put safety first.", "expected": "confirmed"}""",
        ]);
        File.WriteAllText(Path.Combine(folder, "rationale.md"), rationale);
        return folder;
    }

    private const string Rationale = """
        # bridge: rationale

        - `01-wire.txt`: wire report; "a bullet about a source, not a quote"

        ## c1: confirmed
        - 01-wire.txt: "Engineers found two cracks in a pier."
        - 01-wire.txt: "On Monday the council closed the bridge."
        - 01-wire.txt: "Engineers found two cracks in a pier."
        - 03-missing.txt: "On Monday the council closed the bridge."
        - 02-statement.txt: "A sentence the statement does not hold."

        Two sentences fused.

        ## c2: unverified
        - 01-wire.txt: "On Monday the council closed the bridge."
        - 02-statement.txt: "It expects to reopen it in June."

        ## c3: disputed
        - 01-wire.txt: "It will reopen in May."
        - 02-statement.txt: "It expects to reopen it in June."

        ## c4: disputed
        - 02-statement.txt: "The council denies that the bridge will stay shut until May."
        - 02-statement.txt: "It expects to reopen it in June."

        ## c5 - confirmed (a heading in another form)
        - 01-wire.txt: "Traffic was diverted through Ashby."

        ## c6: confirmed
        - 01-wire.txt: "The council said \"safety comes first\"."
        - 01-wire.txt: "On Monday the council closed the bridge."
        - 01-wire.txt: "It will reopen in May."
        - 01-wire.txt: "Traffic was diverted through Ashby."
        """;

    [Test]
    public void EachLabelReadsItsQuotesAsTheDocumentedPairsAndTheRestIsSkippedAndCounted()
    {
        string folder = WriteEvent("set", "bridge", Rationale);

        RationaleQuotePairs.Result result = RationaleQuotePairs.Read(Path.Combine(Temp.Path, "set"));

        var pairs = result.Pairs.Select(p => (p.Claim[..12], p.Passage, p.Label, p.Kind)).ToList();
        Assert.That(pairs, Is.EqualTo(new[]
        {
            // c1: the wire's two quotes (one given twice) joined in the order they stand in it; the statement's quote is not in it
            ("Cracks in a ", "On Monday the council closed the bridge. Engineers found two cracks in a pier.", "entails", "quote-confirmed"),
            // c2: each quote alone, sources by file name
            ("The council ", "On Monday the council closed the bridge.", "neither", "quote-unverified"),
            ("The council ", "It expects to reopen it in June.", "neither", "quote-unverified"),
            // c3: two sources quoted, which one contradicts is not recorded: none; c4: one source, its quotes joined
            ("The bridge w", "The council denies that the bridge will stay shut until May. It expects to reopen it in June.", "contradicts", "quote-disputed"),
            // c5: its heading is not in the form read (its quote is not taken for c4's); c6: four quotes of one source do not fit the window: none
        }));
        Assert.That(result.Pairs.Select(p => p.Group).Distinct(), Is.EqualTo(new[] { "bridge" }));
        Assert.That(result.Claims, Is.EqualTo(6));
        Assert.That(result.ClaimsWithoutQuotes, Is.EqualTo(1), "c5");
        Assert.That(result.SkippedQuotes, Is.EqualTo(3), "the quote naming a file that is not a source, the one its file does not hold, and c5's");
        Assert.That(Directory.Exists(folder), Is.True);
    }

    [Test]
    public void AnEscapedQuotationMarkIsReadAsOne()
    {
        WriteEvent("set", "bridge", """
            ## c6: confirmed
            - 01-wire.txt: "The council said \"safety comes first\"."
            """);

        RationaleQuotePairs.Result result = RationaleQuotePairs.Read(Path.Combine(Temp.Path, "set"));

        Assert.That(result.Pairs.Single().Passage, Is.EqualTo("The council said \"safety comes first\"."));
        Assert.That(result.SkippedQuotes, Is.Zero);
    }

    [Test]
    public void APairIsOneJsonLineWithOnlyQuotesBackslashesAndControlCharactersEscaped()
    {
        var pair = new WrittenPairLine("g", "Zoë said \"no\" \\ then\tleft — 'twice' <b>", "c", "neither", "k");

        string line = pair.ToJsonLine();

        Assert.That(line, Is.EqualTo("{\"group\": \"g\", \"passage\": \"Zoë said \\\"no\\\" \\\\ then\\tleft — 'twice' <b>\", \"claim\": \"c\", \"label\": \"neither\", \"kind\": \"k\"}"));
        var parsed = System.Text.Json.JsonDocument.Parse(line).RootElement;
        Assert.That(parsed.GetProperty("passage").GetString(), Is.EqualTo(pair.Passage), "it reads back as written");
    }

    [Test]
    public void TheCommandWritesOneFileAFolderThatTheTrainerReads()
    {
        WriteEvent("first", "bridge", Rationale);
        WriteEvent("second", "bridge", Rationale);
        string output = Path.Combine(Temp.Path, "pairs");

        (int exit, string stderr) = JudgeTrainerOutputTests.Run("quote-pairs", "--labeled", Path.Combine(Temp.Path, "first"), Path.Combine(Temp.Path, "second"), "--out", output);

        Assert.That(exit, Is.EqualTo(CommandRunner.Ok), stderr);
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName), Is.EquivalentTo(new[] { "first.jsonl", "second.jsonl" }));
        string[] lines = File.ReadAllLines(Path.Combine(output, "first.jsonl"));
        Assert.That(lines, Has.Length.EqualTo(4));
        Assert.That(File.ReadAllBytes(Path.Combine(output, "first.jsonl")).Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "no byte-order mark");
        Assert.That(stderr, Does.Contain("first: 6 claims, 4 pairs; 1 claims without a usable quote, 3 quotes skipped"));

        List<NliPair> read = WrittenPairs.Load(Path.Combine(output, "first.jsonl"));
        Assert.That(read.Select(p => p.Label), Is.EqualTo(new[] { EntailmentLabel.Entails, EntailmentLabel.Neither, EntailmentLabel.Neither, EntailmentLabel.Contradicts }), "the trainer's reader of written pairs reads them");
    }

    [Test]
    public void AFolderWithoutRationalesIsNamedAndNothingIsWritten()
    {
        WriteEvent("first", "bridge", Rationale);
        string bare = Path.Combine(Temp.Path, "bare", "event");
        Directory.CreateDirectory(Path.Combine(bare, "sources"));
        File.WriteAllText(Path.Combine(bare, "sources", "01.txt"), Wire);
        File.WriteAllText(Path.Combine(bare, "claims.jsonl"), """{"id": "c1", "claim": "The bridge closed.", "expected": "confirmed"}""" + "\n");
        string output = Path.Combine(Temp.Path, "pairs");

        (int exit, string stderr) = JudgeTrainerOutputTests.Run("quote-pairs", "--labeled", Path.Combine(Temp.Path, "first"), Path.Combine(Temp.Path, "bare"), "--out", output);

        Assert.That(exit, Is.Not.EqualTo(CommandRunner.Ok));
        Assert.That(stderr, Does.Contain(Path.Combine(Temp.Path, "bare")).And.Contain("rationale.md"));
        Assert.That(Directory.Exists(output) ? Directory.GetFiles(output) : [], Is.Empty, "the first folder's file is not written either");
    }
}
