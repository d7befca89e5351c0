using System.Text;
using ClaimMl.Cli;
using ClaimMl.Training;

namespace ClaimMl.JudgeTrainer;

/// <summary>
/// The files the pair-making commands (<c>quote-pairs</c>, <c>negative-pairs</c>) write: one JSON Lines file of
/// written pairs per labeled folder given, <c>&lt;out&gt;/&lt;folder name&gt;.jsonl</c>, in the format
/// <c>train --written-pairs</c> reads, all written or none (<see cref="CommandRunner.WriteAllAtomically"/>).
/// </summary>
internal sealed class WrittenPairFiles
{
    private readonly string _folder;
    private readonly List<(string Path, Action<Stream> Write)> _files = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _labels = new(StringComparer.Ordinal);

    /// <param name="output">The <c>--out</c> folder (made if missing; a file there is refused).</param>
    public WrittenPairFiles(DirectoryInfo output)
    {
        _folder = output.FullName;
        if (File.Exists(_folder))
        {
            throw new ArgumentException($"--out: '{_folder}' is a file; give a folder.");
        }
    }

    /// <summary>Refuses a second labeled folder of the same name before anything is read from it.</summary>
    public void Claim(DirectoryInfo labeled)
    {
        if (!_names.Add(labeled.Name + ".jsonl"))
        {
            throw new ArgumentException($"--labeled: two folders are named '{labeled.Name}'; each gives {labeled.Name}.jsonl, so their names must differ.");
        }
    }

    /// <summary>Adds the file of <paramref name="labeled"/>'s pairs (written by <see cref="WriteAll"/>).</summary>
    public void Add(DirectoryInfo labeled, IReadOnlyList<WrittenPairLine> pairs)
    {
        foreach (WrittenPairLine pair in pairs)
        {
            _labels[pair.Label] = _labels.GetValueOrDefault(pair.Label) + 1;
        }
        _files.Add((Path.Combine(_folder, labeled.Name + ".jsonl"), stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            foreach (WrittenPairLine pair in pairs)
            {
                writer.WriteLine(pair.ToJsonLine());
            }
        }));
    }

    /// <summary>Writes every file added, all or none, and says what was written.</summary>
    public void WriteAll(CancellationToken cancellation)
    {
        CommandRunner.WriteAllAtomically(_files, cancellation);
        Console.Error.WriteLine($"Wrote {_files.Count} file(s) to {_folder}: {(_labels.Count == 0 ? "no pairs" : string.Join(", ", _labels.Select(c => $"{c.Value:N0} {c.Key}")))}.");
    }
}
