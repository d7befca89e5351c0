using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaimMl.DataFormats;
using ClaimMl.Reports;
using Spectre.Console;

namespace ClaimMl.Cli;

/// <summary><c>claimml check</c>: verdicts for claims against a folder of sources.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var sources = new Option<DirectoryInfo>("--sources") { Description = "Folder of .txt source files (news articles, passages, reports).", Required = true };
        var claims = new Option<FileInfo>("--claims") { Description = "Claims to check: .jsonl ({\"id\": ..., \"claim\": ...} per line) or .txt (one claim per line).", };
        var text = new Option<FileInfo>("--text") { Description = "A text file (an answer, a summary) whose every sentence is checked as a claim; the id is the sentence's index." };
        var format = new Option<string>("--format") { Description = "Output format: table or json (one JSON object per claim per line).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var output = new Option<FileInfo?>("--out") { Description = "Write the output to this file (atomically) instead of stdout." };
        var model = CliOptions.Model();
        var judge = CliOptions.Judge();
        var lexicalOnly = CliOptions.LexicalOnly();
        var explain = new Option<bool>("--explain") { Description = "Add, per source, the model decision that made its stance and the features that weighed most in it." };
        var html = new Option<FileInfo?>("--html") { Description = "Also write a self-contained HTML report to this file (atomically): the text with each sentence highlighted by its verdict (--text), or a sortable table of claims (--claims)." };
        var (maxSourceLength, maxClaimLength, maxSources) = CliOptions.Limits();

        var command = new Command("check", "Check claims against sources: a verdict per claim and, per source, its stance, probabilities and evidence sentence.")
        {
            sources, claims, text, format, output, model, judge, lexicalOnly, explain, html, maxSourceLength, maxClaimLength, maxSources,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(claims) is null) == (result.GetValue(text) is null))
            {
                result.AddError("Give either --claims <file> or --text <file>.");
            }
        });
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, ct =>
        {
            var stopwatch = Stopwatch.StartNew();
            DateTimeOffset startedAt = DateTimeOffset.UtcNow;
            var limits = new ClaimCheckerLimits
            {
                MaxSourceLength = parse.GetValue(maxSourceLength),
                MaxClaimLength = parse.GetValue(maxClaimLength),
                MaxSources = parse.GetValue(maxSources),
            };
            DirectoryInfo sourcesFolder = parse.GetValue(sources)!;
            List<Source> sourceList = SourceFolder.Read(sourcesFolder.FullName, limits);
            FileInfo? textFile = parse.GetValue(text);
            FileInfo inputFile = textFile ?? parse.GetValue(claims)!;
            string? textInput = textFile is null ? null : StrictText.ReadAll(textFile.FullName, limits);
            List<ClaimInput> claimList = textInput is not null
                ? SentencesOf(textFile!.FullName, textInput, limits)
                : ClaimFile.Read(inputFile.FullName, limits);
            FileInfo? modelFile = parse.GetValue(model);
            using ClaimChecker loaded = CliOptions.CreateChecker(modelFile, parse.GetValue(judge), parse.GetValue(lexicalOnly));
            ClaimChecker checker = loaded.WithLimits(limits);

            SourceSet indexed = checker.Index(sourceList);
            var checkTime = Stopwatch.StartNew();
            IReadOnlyList<ClaimResult> results = checker.CheckAll(claimList.Select(c => c.Text).ToList(), indexed, ct);
            checkTime.Stop();

            bool json = parse.GetValue(format) == "json";
            IReadOnlyList<SourceExplanation>[]? explanations = parse.GetValue(explain)
                ? claimList.Select(c => checker.Explain(c.Text, indexed)).ToArray()
                : null;
            // --out and --html are written together (temporary files, then renames after a last cancellation check):
            // an interrupted run replaces neither.
            var files = new List<(string, Action<Stream>)>();
            FileInfo? outFile = parse.GetValue(output);
            if (outFile is not null)
            {
                files.Add((outFile.FullName, stream =>
                {
                    using var writer = new StreamWriter(stream);
                    Write(writer, claimList, results, json, explanations);
                }));
            }
            else
            {
                Write(Console.Out, claimList, results, json, explanations);
            }
            if (parse.GetValue(html) is FileInfo htmlFile)
            {
                VerdictReport report = textInput is not null
                    ? VerdictReport.ForText(textInput, results)
                    : VerdictReport.ForClaims(results, claimList.Select(c => c.Id).ToArray());
                report.InputName = inputFile.Name;
                report.SourcesName = sourcesFolder.Name;
                report.SourceNames = sourceList.Select(s => s.Name).ToArray();
                report.Model = CliOptions.ReportModelFor(checker, modelFile, parse.GetValue(judge));
                report.CreatedAt = startedAt;
                if (textInput is null && claimList.Any(c => c.Expected is not null))
                {
                    report.Expected = claimList.Select(c => c.Expected).ToArray();
                }
                files.Add((htmlFile.FullName, stream =>
                {
                    using var writer = new StreamWriter(stream);
                    report.Write(writer);
                }));
            }
            CommandRunner.WriteAllAtomically(files, ct);

            double seconds = checkTime.Elapsed.TotalSeconds;
            double pairsPerSecond = seconds > 0 ? claimList.Count * (double)sourceList.Count / seconds : 0;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{claimList.Count} claims × {sourceList.Count} sources in {seconds:0.000} s ({pairsPerSecond:N0} pairs/s; {stopwatch.Elapsed.TotalSeconds:0.000} s with loading)"));
            int labeled = claimList.Count(c => c.Expected is not null);
            if (labeled > 0)
            {
                int agreeing = Enumerable.Range(0, claimList.Count).Count(i => claimList[i].Expected == results[i].Verdict);
                Console.Error.WriteLine($"{agreeing} of {labeled} claims with an expected verdict got it (evaluate --labeled gives the figures).");
            }
            return Task.FromResult(CommandRunner.Ok);
        }, cancellation));
        return command;
    }

    /// <summary>
    /// The sentences of a text as claims, as <see cref="ClaimChecker.CheckText"/> checks them (every sentence, so
    /// that the HTML report shows the text whole), the id being the sentence's index; a sentence longer than
    /// <see cref="ClaimCheckerLimits.MaxClaimLength"/> is an error naming its line.
    /// </summary>
    internal static List<ClaimInput> SentencesOf(string path, string text, ClaimCheckerLimits limits)
    {
        List<Text.TextSpan> spans = Text.SentenceSplitter.Split(text);
        if (spans.Count == 0)
        {
            throw new ClaimMlDataException(path, 0, null, "the text holds no sentences.");
        }
        var claims = new List<ClaimInput>(spans.Count);
        for (int i = 0; i < spans.Count; i++)
        {
            string id = i.ToString(CultureInfo.InvariantCulture);
            if (spans[i].Length > limits.MaxClaimLength)
            {
                throw new ClaimMlDataException(path, StrictText.LineOf(text, spans[i].Start), null, ClaimCheckerLimits.Describe($"sentence {id}", spans[i].Length,
                    "characters long", limits.MaxClaimLength, nameof(ClaimCheckerLimits.MaxClaimLength)));
            }
            claims.Add(new ClaimInput(id, text.Substring(spans[i].Start, spans[i].Length)));
        }
        return claims;
    }

    private static void Write(TextWriter writer, List<ClaimInput> claims, IReadOnlyList<ClaimResult> results, bool json, IReadOnlyList<SourceExplanation>[]? explanations)
    {
        if (json)
        {
            for (int i = 0; i < results.Count; i++)
            {
                writer.WriteLine(ResultJson.Serialize(claims[i].Id, results[i], explanations?[i], claims[i].Expected));
            }
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        console.Profile.Width = Math.Max(console.Profile.Width, 140); // redirected output would otherwise wrap at 80 columns
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("id");
        table.AddColumn("claim");
        table.AddColumn("verdict");
        bool anyExpected = claims.Any(c => c.Expected is not null);
        if (anyExpected)
        {
            table.AddColumn("expected");
        }
        table.AddColumn(new TableColumn("conf.").RightAligned());
        table.AddColumn("sources (stance: evidence)");
        for (int i = 0; i < results.Count; i++)
        {
            ClaimResult r = results[i];
            string color = r.Verdict switch { Verdict.Confirmed => "green", Verdict.Disputed => "red", _ => "yellow" };
            var perSource = r.Sources.Select(s =>
                $"[bold]{Markup.Escape(Printable(s.Source))}[/] {ResultJson.Word(s.Stance)} ({s.Probabilities[s.Stance]:0.00})" +
                (s.Stance is Stance.Supports or Stance.Refutes && s.Evidence is not null ? $": [dim]{Markup.Escape(Printable(Shorten(s.Evidence, 110)))}[/]" : ""));
            var cells = new List<Markup>
            {
                new(Markup.Escape(Printable(claims[i].Id))),
                new(Markup.Escape(Printable(r.Claim))),
                new($"[{color}]{ResultJson.Word(r.Verdict)}[/]"),
            };
            if (anyExpected)
            {
                cells.Add(new Markup(claims[i].Expected is Verdict expected
                    ? expected == r.Verdict ? $"{ResultJson.Word(expected)} ✓" : $"[bold]{ResultJson.Word(expected)} ✗[/]"
                    : string.Empty));
            }
            cells.Add(new Markup(r.Confidence.ToString("0.00", CultureInfo.InvariantCulture)));
            cells.Add(new Markup(string.Join("\n", perSource)));
            table.AddRow(cells);
        }
        console.Write(table);
        if (explanations is null)
        {
            return;
        }
        for (int i = 0; i < results.Count; i++)
        {
            console.MarkupLine($"[bold]{Markup.Escape(Printable(claims[i].Id))}[/] {Markup.Escape(Printable(results[i].Claim))}");
            foreach (SourceExplanation e in explanations[i])
            {
                console.MarkupLine($"  {Markup.Escape(Printable(e.Source))}: {ResultJson.Word(e.Stance)}, decided by {Markup.Escape(e.Decision)}");
                for (int p = 0; p < e.Passages.Count; p++)
                {
                    PassageReading r = e.Passages[p];
                    string cut = r.ClaimCut || r.PassageCut ? $" [dim](cut: {(r.ClaimCut ? "claim" : "")}{(r.ClaimCut && r.PassageCut ? ", " : "")}{(r.PassageCut ? "passage" : "")})[/]" : "";
                    console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                        $"    passage {p + 1}{(r.IsWindow ? " (window)" : "")}: entails {r.Probabilities.Entails:0.00}, contradicts {r.Probabilities.Contradicts:0.00}, neither {r.Probabilities.Neither:0.00}{cut}: [dim]{Markup.Escape(Printable(Shorten(r.Text, 160)))}[/]"));
                }
                foreach (FeatureContribution c in e.Contributions)
                {
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {c.Contribution,8:+0.000;-0.000}  {c.Feature} = {c.Value:0.###}"));
                }
            }
        }
    }

    /// <summary>
    /// The text as the terminal should show it: line breaks and tabs (a headline joined to its first sentence, say)
    /// as one space, and any other control character (ESC, BEL, backspace...) as U+FFFD, so that a source cannot move
    /// the cursor, recolour or clear the terminal of whoever reads the table. (The JSON output escapes them.)
    /// </summary>
    internal static string Printable(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }
        var printable = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (!char.IsControl(c))
            {
                printable.Append(c);
            }
            else if (!char.IsWhiteSpace(c))
            {
                printable.Append('\uFFFD');
            }
            else if (printable.Length == 0 || printable[^1] != ' ')
            {
                printable.Append(' ');
            }
        }
        return printable.ToString();
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>The JSON form of a checked claim, one object per line.</summary>
internal static class ResultJson
{
    public static string Word(Verdict verdict) => Words.Of(verdict);

    public static string Word(Stance stance) => Words.Of(stance);

    /// <param name="id">The claim's id.</param>
    /// <param name="result">Its result.</param>
    /// <param name="explanations">Per source, the explanation (<c>--explain</c>), or <see langword="null"/>.</param>
    /// <param name="expected">The claims file's expected verdict, written as <c>expected</c> when there is one.</param>
    public static string Serialize(string id, ClaimResult result, IReadOnlyList<SourceExplanation>? explanations = null, Verdict? expected = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("claim", result.Claim);
            json.WriteString("verdict", Word(result.Verdict));
            json.WriteNumber("confidence", Math.Round(result.Confidence, 4));
            if (expected is Verdict expectedVerdict)
            {
                json.WriteString("expected", Word(expectedVerdict));
            }
            json.WriteStartArray("sources");
            for (int s = 0; s < result.Sources.Count; s++)
            {
                SourceAssessment source = result.Sources[s];
                json.WriteStartObject();
                json.WriteString("source", source.Source);
                json.WriteString("stance", Word(source.Stance));
                json.WriteStartObject("probabilities");
                json.WriteNumber("supports", Math.Round(source.Probabilities.Supports, 4));
                json.WriteNumber("refutes", Math.Round(source.Probabilities.Refutes, 4));
                json.WriteNumber("discusses", Math.Round(source.Probabilities.Discusses, 4));
                json.WriteNumber("unrelated", Math.Round(source.Probabilities.Unrelated, 4));
                json.WriteEndObject();
                if (source.Evidence is null)
                {
                    json.WriteNull("evidence");
                }
                else
                {
                    json.WriteString("evidence", source.Evidence);
                }
                if (explanations is not null)
                {
                    json.WriteStartObject("explanation");
                    json.WriteString("decision", explanations[s].Decision);
                    json.WriteStartArray("contributions");
                    foreach (FeatureContribution c in explanations[s].Contributions)
                    {
                        json.WriteStartObject();
                        json.WriteString("feature", c.Feature);
                        json.WriteNumber("value", Math.Round(c.Value, 4));
                        json.WriteNumber("contribution", Math.Round(c.Contribution, 4));
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteStartArray("passages");
                    foreach (PassageReading r in explanations[s].Passages)
                    {
                        json.WriteStartObject();
                        json.WriteString("text", r.Text);
                        json.WriteNumber("entails", Math.Round(r.Probabilities.Entails, 4));
                        json.WriteNumber("contradicts", Math.Round(r.Probabilities.Contradicts, 4));
                        json.WriteNumber("neither", Math.Round(r.Probabilities.Neither, 4));
                        json.WriteBoolean("claimCut", r.ClaimCut);
                        json.WriteBoolean("passageCut", r.PassageCut);
                        json.WriteBoolean("window", r.IsWindow);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
