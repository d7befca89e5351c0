using System.Text;

namespace ClaimMl.Tests.Reports;

/// <summary>Runs the <c>claimml</c> console in a child process through <see cref="Cli"/>, requiring success.</summary>
internal static class ReportCli
{
    public static CliRun Invoke(params string[] args)
    {
        CliRun run = Cli.Run(args);
        Assert.That(run.ExitCode, Is.Zero, $"claimml {string.Join(' ', args)}: {run.StdErr}");
        return run;
    }

    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Inputs that try to break out of HTML text, attributes, styles and scripts.</summary>
internal static class HostileInput
{
    public static readonly string[] Payloads =
    [
        "<script>window.pwned='script';alert('script')</script>",
        "\"><img src=x onerror=\"window.pwned='img';alert('img')\">",
        "'><svg onload=\"window.pwned='svg'\">",
        "</style><style>body{display:none}</style>",
        "</script><script>window.pwned='script2'</script>",
        "javascript:alert('href')",
        "\u2028\u2029</textarea><iframe src=\"javascript:window.pwned='iframe'\"></iframe>",
    ];

    /// <summary>File names cannot hold '/', so these carry the payloads that fit in a name.</summary>
    public static readonly string[] FileNames =
    [
        "\"><img src=x onerror=\"window.pwned='file'\">",
        "<svg onload=alert('file2')>",
        "javascript:alert('file3')",
        "<script>alert('file4')<",
    ];

    /// <summary>A small FNC-1 style split (train file names) written into <paramref name="folder"/>, with every stance present.</summary>
    public static void WriteFncSplit(string folder)
    {
        Directory.CreateDirectory(folder);
        string[] bodies = Directory.GetFiles(RepoPaths.SampleSources, "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        var b = new StringBuilder("Body ID,articleBody\n");
        for (int i = 0; i < bodies.Length; i++)
        {
            b.Append(i + 1).Append(",\"").Append(bodies[i].Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\"\n");
        }
        File.WriteAllText(Path.Combine(folder, "train_bodies.csv"), b.ToString());
        // body 1 alder-gazette, 2 coastal-wire, 3 harbor-radio, 4 sports-roundup
        (string Headline, int Body, string Stance)[] stances =
        [
            ("The Merrow Bridge was closed on Tuesday after inspectors found a crack", 1, "agree"),
            ("Inspectors found a crack in a steel girder of the Merrow Bridge", 1, "agree"),
            ("Ferries will run every 20 minutes until the bridge reopens", 1, "agree"),
            ("The Merrow Bridge carries 3,000 vehicles a day", 1, "disagree"),
            ("No crack was found in the Merrow Bridge, the state says", 1, "disagree"),
            ("The closure was planned maintenance, not a crack", 2, "agree"),
            ("A crack was found in the Merrow Bridge", 2, "disagree"),
            ("Merrow Bridge closure: what we know", 3, "discuss"),
            ("How long will the Port Alder bridge stay shut?", 3, "discuss"),
            ("The city and the state disagree over the bridge closure", 3, "discuss"),
            ("Port Alder Rovers beat Kessel Athletic in extra time", 4, "agree"),
            ("Port Alder Rovers win the derby", 1, "unrelated"),
            ("Ferries from the harbor run every 20 minutes", 4, "unrelated"),
            ("Striker Amani Okafor scores the winner", 2, "unrelated"),
            ("The Merrow Bridge reopened on Monday", 4, "unrelated"),
        ];
        var s = new StringBuilder("Headline,Body ID,Stance\n");
        foreach (var (headline, body, stance) in stances)
        {
            s.Append('"').Append(headline).Append("\",").Append(body).Append(',').Append(stance).Append('\n');
        }
        File.WriteAllText(Path.Combine(folder, "train_stances.csv"), s.ToString());
    }
}
