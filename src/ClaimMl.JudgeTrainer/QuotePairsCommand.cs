using System.CommandLine;
using System.Text;
using ClaimMl.Cli;
using ClaimMl.Training;

namespace ClaimMl.JudgeTrainer;

/// <summary>
/// <c>quote-pairs</c>: judge training pairs from labeled claims and the sentences their <c>rationale.md</c> quotes
/// (<see cref="RationaleQuotePairs"/>), one JSON Lines file per labeled folder given, for <c>train --written-pairs</c>.
/// All files are written or none. Only sets that no judge is to be scored on belong here: a set turned into training
/// pairs is used.
/// </summary>
internal static class QuotePairsCommand
{
    public static Command Create()
    {
        var labeled = new Option<DirectoryInfo[]>("--labeled") { Description = "Labeled claim folders (the layout of claimml evaluate --labeled) whose events quote their deciding sentences in rationale.md; repeatable. Each gives <out>/<folder name>.jsonl.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the pairs into (made if missing).", Required = true };
        var command = new Command("quote-pairs", "Make judge training pairs from labeled claims and the deciding sentences their rationale.md quotes.")
        {
            labeled, output,
        };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, ct =>
        {
            string outFolder = parse.GetValue(output)!.FullName;
            if (File.Exists(outFolder))
            {
                throw new ArgumentException($"--out: '{outFolder}' is a file; give a folder.");
            }
            var files = new List<(string Path, Action<Stream> Write)>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (DirectoryInfo folder in parse.GetValue(labeled)!)
            {
                string name = folder.Name + ".jsonl";
                if (!names.Add(name))
                {
                    throw new ArgumentException($"--labeled: two folders are named '{folder.Name}'; each gives {name}, so their names must differ.");
                }
                RationaleQuotePairs.Result result = RationaleQuotePairs.Read(folder.FullName);
                foreach (WrittenPairLine pair in result.Pairs)
                {
                    counts[pair.Label] = counts.GetValueOrDefault(pair.Label) + 1;
                }
                Console.Error.WriteLine($"{folder.Name}: {result.Claims} claims, {result.Pairs.Count} pairs; {result.ClaimsWithoutQuotes} claims without a usable quote, {result.SkippedQuotes} quotes skipped (under no heading read, naming a file that is not a source, or not found word for word).");
                files.Add((Path.Combine(outFolder, name), stream =>
                {
                    using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                    foreach (WrittenPairLine pair in result.Pairs)
                    {
                        writer.WriteLine(RationaleQuotePairs.ToJsonLine(pair));
                    }
                }));
            }
            CommandRunner.WriteAllAtomically(files, ct);
            Console.Error.WriteLine($"Wrote {files.Count} file(s) to {outFolder}: {string.Join(", ", counts.Select(c => $"{c.Value:N0} {c.Key}"))}.");
            return Task.FromResult(CommandRunner.Ok);
        }, cancellation));
        return command;
    }
}
