using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ClaimMl.Reports;
using Microsoft.Playwright;

namespace ClaimMl.Tests.Reports;

/// <summary>
/// The HTML reports of <c>check --html</c> and <c>evaluate --html</c>, opened from <c>file://</c> in a real
/// headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; no browser is downloaded). Skipped
/// when no Chromium is installed.
/// </summary>
[TestFixture]
[Category(Category)]
[NonParallelizable]
public class BrowserReportTests
{
    public const string Category = "Browser";
    public const string ChromiumVariable = "CLAIMML_CHROMIUM";

    /// <summary>Set to 1 to (re)write docs/sample-report.png from the sample report's screenshot.</summary>
    public const string UpdateScreenshotVariable = "CLAIMML_UPDATE_SCREENSHOT";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright _playwright = null!;
    private IBrowserContext _browser = null!;
    private string _profile = string.Empty;
    private TempDirectory _temp = null!;
    private readonly Stopwatch _fixtureTime = new();

    private static string? FindChromium()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(ChromiumVariable);
        foreach (string? candidate in new[] { fromEnvironment, "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (!string.IsNullOrWhiteSpace(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    [OneTimeSetUp]
    public async Task StartChromium()
    {
        _fixtureTime.Start();
        string? chromium = FindChromium();
        if (chromium is null)
        {
            Assert.Ignore($"No Chromium found (looked at ${ChromiumVariable}, /usr/bin/chromium and /usr/bin/chromium-browser): the Browser tests need " +
                "Debian's chromium package ('apt-get install chromium'; .ci/run installs it when apt is available).");
        }
        // A fresh profile for every run: no state from an earlier run or from a person's browser.
        _profile = Directory.CreateTempSubdirectory("claimml-chromium-").FullName;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Offline = true,
        });
    }

    [OneTimeTearDown]
    public async Task StopChromium()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_profile.Length > 0)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
        TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Browser tests: {_fixtureTime.Elapsed.TotalSeconds:0.0} s in all, Chromium start included."));
    }

    [SetUp]
    public void CreateTempDirectory() => _temp = new TempDirectory();

    [TearDown]
    public void DeleteTempDirectory() => _temp.Dispose();

    /// <summary>A page that records every request, console error, uncaught error and dialog; requests to anything but <paramref name="allowed"/> are aborted.</summary>
    private sealed class WatchedPage
    {
        public required IPage Page { get; init; }
        public List<string> Requests { get; } = [];
        public List<string> Errors { get; } = [];
        public List<string> Dialogs { get; } = [];
    }

    private async Task<WatchedPage> OpenAsync(string file, int width = 1440, int height = 900)
    {
        IPage page = await _browser.NewPageAsync();
        var watched = new WatchedPage { Page = page };
        string url = new Uri(file).AbsoluteUri;
        page.Request += (_, request) => watched.Requests.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                watched.Errors.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => watched.Errors.Add("page error: " + error);
        page.Dialog += (_, dialog) =>
        {
            watched.Dialogs.Add($"{dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        await page.RouteAsync("**/*", route => route.Request.Url == url ? route.ContinueAsync() : route.AbortAsync());
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return watched;
    }

    private static async Task<string> AttachScreenshotAsync(IPage page, string name, string description)
    {
        string folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-screenshots");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, description);
        return path;
    }

    private static List<JsonElement> JsonLines(string stdout) =>
        ReportCli.Lines(stdout).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    private static async Task AssertNoHorizontalScrollAsync(IPage page, int width)
    {
        int scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.That(scrollWidth, Is.LessThanOrEqualTo(width), $"the page scrolls sideways at {width} px");
    }

    [Test]
    public async Task SampleTextReportHighlightsEachSentenceWithItsVerdictAndShowsItsEvidence()
    {
        string summary = Path.Combine(RepoPaths.Root, "data", "sample", "summary.txt");
        string html = _temp.File("sample-report.html");
        CliRun run = ReportCli.Invoke("check", "--sources", RepoPaths.SampleSources, "--text", summary, "--format", "json", "--html", html);
        List<JsonElement> expected = JsonLines(run.StdOut);
        Assert.That(expected, Has.Count.EqualTo(ClaimChecker.SplitSentences(File.ReadAllText(summary)).Count).And.Count.GreaterThan(1));

        WatchedPage watched = await OpenAsync(html);
        IPage page = watched.Page;
        ILocator sentences = page.Locator("#text .claim");
        Assert.That(await sentences.CountAsync(), Is.EqualTo(expected.Count), "one highlighted element per sentence");
        Assert.That(await page.Locator("#details .detail:visible").CountAsync(), Is.Zero, "no detail before a sentence is selected");

        for (int i = 0; i < expected.Count; i++)
        {
            JsonElement claim = expected[i];
            string verdict = claim.GetProperty("verdict").GetString()!;
            ILocator sentence = sentences.Nth(i);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(await sentence.GetAttributeAsync("data-verdict"), Is.EqualTo(verdict), $"sentence {i}");
                Assert.That(await sentence.GetAttributeAsync("class"), Does.Contain("v-" + verdict));
                Assert.That(await sentence.TextContentAsync(), Is.EqualTo(claim.GetProperty("claim").GetString()));
                Assert.That(await sentence.GetAttributeAsync("role"), Is.EqualTo("button"));
                Assert.That(await sentence.GetAttributeAsync("tabindex"), Is.EqualTo("0"));
                Assert.That(await sentence.GetAttributeAsync("aria-label"), Does.Contain(verdict).And.Contain(claim.GetProperty("claim").GetString()));
            }

            // Odd sentences by keyboard focus, even ones by click.
            if (i % 2 == 1)
            {
                await sentence.FocusAsync();
            }
            else
            {
                await sentence.ClickAsync();
            }
            ILocator detail = page.Locator($"#claim-{i}");
            Assert.That(await detail.IsVisibleAsync(), Is.True, $"selecting sentence {i} shows its detail");
            Assert.That(await page.Locator("#details .detail:visible").CountAsync(), Is.EqualTo(1));
            Assert.That(await sentence.GetAttributeAsync("aria-expanded"), Is.EqualTo("true"));
            Assert.That(await detail.Locator(".badge").TextContentAsync(), Is.EqualTo(char.ToUpperInvariant(verdict[0]) + verdict[1..]));
            Assert.That(await detail.Locator(".confidence").TextContentAsync(),
                Is.EqualTo("confidence " + claim.GetProperty("confidence").GetDouble().ToString("0.00", CultureInfo.InvariantCulture)));

            JsonElement[] sources = claim.GetProperty("sources").EnumerateArray().ToArray();
            ILocator items = detail.Locator(".sources-said > li");
            Assert.That(await items.CountAsync(), Is.EqualTo(sources.Length));
            for (int s = 0; s < sources.Length; s++)
            {
                ILocator item = items.Nth(s);
                JsonElement source = sources[s];
                using (Assert.EnterMultipleScope())
                {
                    Assert.That(await item.Locator(".name").TextContentAsync(), Is.EqualTo(source.GetProperty("source").GetString()));
                    Assert.That(await item.Locator(".stance").TextContentAsync(), Is.EqualTo(source.GetProperty("stance").GetString()));
                    foreach (JsonProperty p in source.GetProperty("probabilities").EnumerateObject())
                    {
                        string probability = (await item.Locator($"dd[data-p={p.Name}] .p").TextContentAsync())!;
                        Assert.That(double.Parse(probability, CultureInfo.InvariantCulture), Is.EqualTo(p.Value.GetDouble()).Within(0.0051), $"{p.Name} of {source.GetProperty("source")}");
                    }
                    JsonElement evidence = source.GetProperty("evidence");
                    if (evidence.ValueKind == JsonValueKind.Null)
                    {
                        Assert.That(await item.Locator(".evidence.none").IsVisibleAsync(), Is.True);
                    }
                    else
                    {
                        ILocator quote = item.Locator("blockquote.evidence");
                        Assert.That(await quote.IsVisibleAsync(), Is.True, "the evidence is shown");
                        Assert.That(await quote.TextContentAsync(), Is.EqualTo(evidence.GetString()));
                    }
                }
            }
        }

        // Tab moves from sentence to sentence, and the detail follows the focus.
        await sentences.Nth(0).FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await page.EvaluateAsync<string?>("() => document.activeElement.getAttribute('data-claim')"), Is.EqualTo("1"));
        Assert.That(await page.Locator("#claim-1").IsVisibleAsync(), Is.True);
        Assert.That(await page.Locator("#claim-0").IsVisibleAsync(), Is.False);

        // The summary at the top agrees with the JSON output.
        foreach (string verdict in new[] { "confirmed", "disputed", "unverified" })
        {
            int count = expected.Count(c => c.GetProperty("verdict").GetString() == verdict);
            Assert.That(await page.Locator($".counts li[data-verdict={verdict}]").GetAttributeAsync("data-count"), Is.EqualTo(count.ToString(CultureInfo.InvariantCulture)), verdict);
        }
        ILocator sourceRows = page.Locator("table.source-summary tbody tr");
        string[] sourceNames = expected[0].GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("source").GetString()!).ToArray();
        Assert.That(await sourceRows.CountAsync(), Is.EqualTo(sourceNames.Length));
        for (int s = 0; s < sourceNames.Length; s++)
        {
            int supported = expected.Count(c => c.GetProperty("sources")[s].GetProperty("stance").GetString() == "supports");
            int refuted = expected.Count(c => c.GetProperty("sources")[s].GetProperty("stance").GetString() == "refutes");
            ILocator row = sourceRows.Nth(s);
            Assert.That(await row.Locator("th").TextContentAsync(), Is.EqualTo(sourceNames[s]));
            Assert.That(await row.GetAttributeAsync("data-supported"), Is.EqualTo(supported.ToString(CultureInfo.InvariantCulture)));
            Assert.That(await row.GetAttributeAsync("data-refuted"), Is.EqualTo(refuted.ToString(CultureInfo.InvariantCulture)));
        }
        // The default checker is judged: the report names the judge that decided, not the lexical stance model.
        string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(RepoPaths.ShippedJudge)));
        Assert.That(await page.Locator(".model-name").TextContentAsync(), Is.EqualTo(ReportModel.EmbeddedJudgeName));
        Assert.That(await page.Locator("code.hash").TextContentAsync(), Is.EqualTo(sha));
        Assert.That(await page.Locator("header time").CountAsync(), Is.EqualTo(1), "the time of the run");

        // Landmarks, and readable without sideways scrolling at a phone's width.
        Assert.That(await page.Locator("header, main, aside, footer").CountAsync(), Is.EqualTo(4));
        Assert.That(watched.Errors, Is.Empty);
        Assert.That(watched.Dialogs, Is.Empty);

        // The screenshot: the disputed sentence (or the first) selected.
        int shown = Math.Max(0, expected.FindIndex(c => c.GetProperty("verdict").GetString() == "disputed"));
        await sentences.Nth(shown).ClickAsync();
        await page.SetViewportSizeAsync(1440, 1400); // tall enough for the details panel, which scrolls within the window
        string screenshot = await AttachScreenshotAsync(page, "sample-report-1440", "check --text report of the sample at 1440 px");
        if (Environment.GetEnvironmentVariable(UpdateScreenshotVariable) == "1")
        {
            Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "docs"));
            File.Copy(screenshot, Path.Combine(RepoPaths.Root, "docs", "sample-report.png"), overwrite: true);
        }
        await page.SetViewportSizeAsync(360, 740);
        await AssertNoHorizontalScrollAsync(page, 360);
        await AttachScreenshotAsync(page, "sample-report-360", "check --text report of the sample at 360 px");
        await page.CloseAsync();
    }

    [Test]
    public async Task ClaimsReportSortsByVerdictAndConfidenceAndShowsEachClaim()
    {
        string html = _temp.File("claims-report.html");
        CliRun run = ReportCli.Invoke("check", "--sources", RepoPaths.SampleSources, "--claims", RepoPaths.SampleClaims, "--format", "json", "--html", html);
        List<JsonElement> expected = JsonLines(run.StdOut);

        WatchedPage watched = await OpenAsync(html);
        IPage page = watched.Page;
        ILocator groups = page.Locator("#claims tbody");
        Assert.That(await groups.CountAsync(), Is.EqualTo(expected.Count));
        Assert.That(await page.Locator("#claims tr.detail-row:visible").CountAsync(), Is.Zero);
        int asExpected = expected.Count(e => e.GetProperty("expected").GetString() == e.GetProperty("verdict").GetString());
        Assert.That(await page.Locator("#claims td.expected[data-as-expected=yes]").CountAsync(), Is.EqualTo(asExpected), "the sample's expected verdicts are marked");
        Assert.That(await page.Locator("#claims td.expected[data-as-expected=no]").CountAsync(), Is.EqualTo(expected.Count - asExpected));

        async Task<double[]> Column(string attribute) =>
            (await groups.EvaluateAllAsync<string[]>($"gs => gs.map(g => g.getAttribute('data-{attribute}'))"))
                .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        await page.Locator("th[data-sort=confidence] button").ClickAsync();
        Assert.That(await Column("confidence"), Is.Ordered.Ascending);
        Assert.That(await page.Locator("th[data-sort=confidence]").GetAttributeAsync("aria-sort"), Is.EqualTo("ascending"));
        await page.Locator("th[data-sort=confidence] button").ClickAsync();
        Assert.That(await Column("confidence"), Is.Ordered.Descending);
        await page.Locator("th[data-sort=verdict-rank] button").ClickAsync();
        Assert.That(await Column("verdict-rank"), Is.Ordered.Ascending);
        await page.Locator("th[data-sort=order] button").ClickAsync();
        Assert.That(await Column("order"), Is.EqualTo(Enumerable.Range(0, expected.Count).Select(i => (double)i).ToArray()));

        for (int i = 0; i < expected.Count; i++)
        {
            ILocator group = groups.Nth(i);
            Assert.That(await group.Locator("td.id").TextContentAsync(), Is.EqualTo(expected[i].GetProperty("id").GetString()));
            Assert.That(await group.GetAttributeAsync("data-verdict"), Is.EqualTo(expected[i].GetProperty("verdict").GetString()));
            await group.Locator("button.claim").ClickAsync();
            ILocator detail = group.Locator(".detail");
            Assert.That(await detail.IsVisibleAsync(), Is.True);
            string? evidence = expected[i].GetProperty("sources")[0].GetProperty("evidence").GetString();
            if (evidence is not null)
            {
                Assert.That(await detail.Locator("blockquote.evidence").First.TextContentAsync(), Is.EqualTo(evidence));
            }
        }
        Assert.That(watched.Errors, Is.Empty);
        await AttachScreenshotAsync(page, "claims-report-1440", "check --claims report of the sample at 1440 px, every claim open");
        await page.SetViewportSizeAsync(360, 740);
        await AssertNoHorizontalScrollAsync(page, 360);
        await AttachScreenshotAsync(page, "claims-report-360", "check --claims report of the sample at 360 px");
        await page.CloseAsync();
    }

    [Test]
    public async Task ReportsMakeNoRequestAndLogNoError()
    {
        string text = _temp.File("text.html"), claims = _temp.File("claims.html"), evaluation = _temp.File("evaluation.html");
        string fnc = Path.Combine(_temp.Path, "fnc");
        HostileInput.WriteFncSplit(fnc);
        ReportCli.Invoke("check", "--sources", RepoPaths.SampleSources, "--text", Path.Combine(RepoPaths.Root, "data", "sample", "summary.txt"), "--format", "json", "--html", text);
        ReportCli.Invoke("check", "--sources", RepoPaths.SampleSources, "--claims", RepoPaths.SampleClaims, "--format", "json", "--html", claims);
        ReportCli.Invoke("evaluate", "--data", fnc, "--split", "train", "--html", evaluation);

        foreach (string file in new[] { text, claims, evaluation })
        {
            WatchedPage watched = await OpenAsync(file);
            // Use everything that can be used: every sentence, claim, sort button and disclosure.
            foreach (ILocator control in await watched.Page.Locator(".claim[role=button], button, summary").AllAsync())
            {
                await control.ClickAsync();
            }
            await watched.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            await watched.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
            using (Assert.EnterMultipleScope())
            {
                Assert.That(watched.Requests, Is.EqualTo(new[] { new Uri(file).AbsoluteUri }), $"{Path.GetFileName(file)}: the only request is the page itself");
                Assert.That(watched.Errors, Is.Empty, Path.GetFileName(file));
                Assert.That(watched.Dialogs, Is.Empty, Path.GetFileName(file));
            }
            await watched.Page.CloseAsync();
        }
    }

    [Test]
    public async Task HostileSourcesClaimsAndFileNamesRenderAsTextAndRunNothing()
    {
        string sources = Path.Combine(_temp.Path, "sources " + HostileInput.FileNames[1]);
        Directory.CreateDirectory(sources);
        string bridge = File.ReadAllText(Path.Combine(RepoPaths.SampleSources, "alder-gazette.txt"));
        for (int i = 0; i < HostileInput.FileNames.Length; i++)
        {
            File.WriteAllText(Path.Combine(sources, HostileInput.FileNames[i] + ".txt"),
                bridge + "\nThe Merrow Bridge closed on Tuesday " + HostileInput.Payloads[i] + ".\n" + string.Join("\n", HostileInput.Payloads));
        }
        string textFile = _temp.WriteText(HostileInput.FileNames[0] + ".txt",
            string.Join(" ", HostileInput.Payloads.Select((p, i) => $"The Merrow Bridge closed on Tuesday {p}. Ferries run every {i + 10} minutes.")));
        string claimsFile = _temp.WriteText(HostileInput.FileNames[1] + ".jsonl", string.Join("\n", HostileInput.Payloads.Select(p =>
            JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = p, ["claim"] = "The Merrow Bridge closed on Tuesday " + p }))));
        string fnc = Path.Combine(_temp.Path, HostileInput.FileNames[0]);
        HostileInput.WriteFncSplit(fnc);

        string text = _temp.File("text.html"), claims = _temp.File("claims.html"), evaluation = _temp.File("evaluation.html");
        ReportCli.Invoke("check", "--sources", sources, "--text", textFile, "--format", "json", "--html", text);
        ReportCli.Invoke("check", "--sources", sources, "--claims", claimsFile, "--format", "json", "--html", claims);
        ReportCli.Invoke("evaluate", "--data", fnc, "--split", "train", "--html", evaluation);

        foreach (var (file, scripts) in new[] { (text, 1), (claims, 1), (evaluation, 0) })
        {
            WatchedPage watched = await OpenAsync(file);
            IPage page = watched.Page;
            foreach (ILocator control in await page.Locator(".claim[role=button], button.claim, summary").AllAsync())
            {
                await control.ClickAsync();
            }
            string name = Path.GetFileName(file);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(watched.Dialogs, Is.Empty, $"{name}: no dialog opens");
                Assert.That(await page.EvaluateAsync<string?>("() => window.pwned ?? null"), Is.Null, $"{name}: no payload ran");
                Assert.That(await page.Locator("img, iframe, object, embed, textarea, [onerror], [onload], [onclick], a[href]:not([href='#main'])").CountAsync(), Is.Zero,
                    $"{name}: no element from the input is created");
                Assert.That(await page.Locator("script").CountAsync(), Is.EqualTo(scripts), $"{name}: only the report's own script");
                Assert.That(await page.Locator("style").CountAsync(), Is.EqualTo(1), $"{name}: only the report's own style");
                Assert.That(await page.Locator("body").IsVisibleAsync(), Is.True);
                Assert.That(watched.Requests, Has.Count.EqualTo(1), name);
            }
            string shownText = await page.InnerTextAsync("body");
            string title = await page.TitleAsync();
            if (file == evaluation)
            {
                Assert.That(shownText, Does.Contain(HostileInput.FileNames[0]), "the data folder's name is shown as written");
            }
            else
            {
                Assert.That(title, Does.EndWith(HostileInput.FileNames[file == text ? 0 : 1] + (file == text ? ".txt" : ".jsonl")), "the file name is the title, as text");
                foreach (string fileName in HostileInput.FileNames)
                {
                    Assert.That(shownText, Does.Contain(fileName + ".txt"), "source names are shown as written");
                }
                foreach (string payload in HostileInput.Payloads.Take(6))
                {
                    Assert.That(shownText, Does.Contain(payload.Trim()), $"{name}: the payload is shown as text");
                }
            }
            await AttachScreenshotAsync(page, "hostile-" + Path.GetFileNameWithoutExtension(file), $"{name} with hostile input");
            await page.CloseAsync();
        }
    }

    [Test]
    public async Task EvaluationReportHeatMapEqualsTheConfusionMatrix()
    {
        string fnc = Path.Combine(_temp.Path, "fnc");
        HostileInput.WriteFncSplit(fnc);
        string html = _temp.File("evaluation.html"), json = _temp.File("evaluation.json");
        ReportCli.Invoke("evaluate", "--data", fnc, "--split", "train", "--html", html, "--json", json);
        using JsonDocument figures = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement confusion = figures.RootElement.GetProperty("confusion (rows gold, columns predicted)");
        int pairs = figures.RootElement.GetProperty("pairs").GetInt32();

        WatchedPage watched = await OpenAsync(html);
        IPage page = watched.Page;
        ILocator cells = page.Locator("figure.heatmap g.cell");
        string[] labels = ["supports", "refutes", "discusses", "unrelated"];
        Assert.That(await cells.CountAsync(), Is.EqualTo(labels.Length * labels.Length));
        int total = 0;
        foreach (ILocator cell in await cells.AllAsync())
        {
            string gold = (await cell.GetAttributeAsync("data-gold"))!;
            string predicted = (await cell.GetAttributeAsync("data-predicted"))!;
            int expected = confusion.GetProperty(gold).GetProperty(predicted).GetInt32();
            using (Assert.EnterMultipleScope())
            {
                Assert.That(await cell.GetAttributeAsync("data-count"), Is.EqualTo(expected.ToString(CultureInfo.InvariantCulture)), $"{gold} → {predicted}");
                Assert.That(await cell.Locator("text.count").TextContentAsync(), Is.EqualTo(expected.ToString("N0", CultureInfo.InvariantCulture)), $"{gold} → {predicted}");
                Assert.That(await cell.IsVisibleAsync(), Is.True);
            }
            total += expected;
        }
        Assert.That(total, Is.EqualTo(pairs));

        // The reliability diagram: every pair in a bin, and the ECE shown is the bins' count-weighted gap.
        ILocator bins = page.Locator("figure.reliability g.bin");
        var binData = await bins.EvaluateAllAsync<double[][]>(
            "bs => bs.map(b => [+b.getAttribute('data-count'), +b.getAttribute('data-confidence'), +b.getAttribute('data-accuracy')])");
        Assert.That(binData.Sum(b => b[0]), Is.EqualTo(pairs));
        double ece = binData.Sum(b => b[0] / pairs * Math.Abs(b[1] - b[2]));
        string shownEce = (await page.Locator("figure.reliability").GetAttributeAsync("data-ece"))!;
        Assert.That(double.Parse(shownEce, CultureInfo.InvariantCulture), Is.EqualTo(ece).Within(1e-3));
        Assert.That(figures.RootElement.GetProperty("expectedCalibrationError").GetDouble(), Is.EqualTo(ece).Within(1e-3), "the --json figures carry the same ECE");
        Assert.That(await page.Locator("figure.reliability figcaption").TextContentAsync(), Does.Contain("ECE"));

        // The figures the console prints.
        string shown = await page.InnerTextAsync("main");
        Assert.That(shown, Does.Contain(figures.RootElement.GetProperty("macroF1").GetDouble().ToString("0.0000", CultureInfo.InvariantCulture)));
        Assert.That(shown, Does.Contain(figures.RootElement.GetProperty("fncRelative").GetDouble().ToString("0.00", CultureInfo.InvariantCulture) + "%"));
        Assert.That(watched.Errors, Is.Empty);

        await AttachScreenshotAsync(page, "evaluation-report-1440", "evaluate --html report of a hand-written FNC-1 split at 1440 px");
        await page.SetViewportSizeAsync(360, 740);
        await AssertNoHorizontalScrollAsync(page, 360);
        await AttachScreenshotAsync(page, "evaluation-report-360", "evaluate --html report at 360 px");
        await page.CloseAsync();
    }
}
