using System.Security.Cryptography;
using System.Text;
using ClaimMl.Entailment;

namespace ClaimMl.DataFormats.NliSets;

/// <summary>
/// Claim–passage pairs written for the judge (the project's own <c>data/judge-pairs</c>, or a user's): a folder of
/// JSON Lines files (<c>*.jsonl</c>, read in ordinal name order) or one such file, one object per line with
/// <c>passage</c> (one or two sentences of a source), <c>claim</c>, and <c>label</c>: <c>entails</c>,
/// <c>contradicts</c> or <c>neither</c>. Other fields (a group name, the kind of pair) are ignored. Several such paths
/// are read one after another (<see cref="Read(IReadOnlyList{string})"/>).
/// </summary>
internal static class WrittenPairs
{
    /// <summary>The pairs of every file, in file then line order; each pair's <see cref="NliPair.Side"/> is its file's name without the extension.</summary>
    /// <param name="path">A folder of <c>*.jsonl</c> files, or one file.</param>
    /// <exception cref="ClaimMlDataException">The path does not exist, the folder holds no <c>*.jsonl</c> file, or a line is malformed (the file, line and field named).</exception>
    public static List<NliPair> Load(string path) => Read(path).Pairs;

    /// <summary>
    /// The pairs of every file (as <see cref="Load"/>) and the SHA-256 (lower-case hex) of the bytes they were parsed
    /// from, each file's name and bytes hashed in turn, each file read once: recorded with a judge trained on them, so
    /// that its dev split is rebuilt from the same pairs (and the hash is that of the pairs it was trained on, even if a
    /// file changes while they are read).
    /// </summary>
    /// <exception cref="ClaimMlDataException">As <see cref="Load"/>.</exception>
    public static (List<NliPair> Pairs, string Sha256) Read(string path) => Read([path]);

    /// <summary>
    /// The pairs of several paths, each read as <see cref="Read(string)"/>, in the order given, one after another, and
    /// one SHA-256 over all of them: every file's name and bytes hashed in turn, path after path, so that for one path
    /// it is that of <see cref="Read(string)"/>, and it changes with any file's name or bytes and with the order they
    /// are read in (the paths themselves are not hashed, as a folder's name is not). Every path is checked before any
    /// file is read.
    /// </summary>
    /// <param name="paths">Folders of <c>*.jsonl</c> files, or files; at least one.</param>
    /// <exception cref="ArgumentException"><paramref name="paths"/> is empty.</exception>
    /// <exception cref="ClaimMlDataException">A path does not exist (that path named), a folder holds no <c>*.jsonl</c> file, or a line is malformed.</exception>
    public static (List<NliPair> Pairs, string Sha256) Read(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new ArgumentException("Give at least one file or folder of written pairs.", nameof(paths));
        }
        string[] files = [.. paths.SelectMany(Files)];
        var pairs = new List<NliPair>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string file in files)
        {
            byte[] bytes = File.ReadAllBytes(file);
            Hash(hash, file, bytes);
            string side = Path.GetFileNameWithoutExtension(file);
            foreach (var (line, obj) in JsonLines.Parse(file, StrictText.Decode(file, bytes)))
            {
                string passage = NonBlank(file, line, JsonLines.String(file, line, obj, "passage"), "passage");
                string claim = NonBlank(file, line, JsonLines.String(file, line, obj, "claim"), "claim");
                string label = JsonLines.String(file, line, obj, "label");
                EntailmentLabel parsed = label switch
                {
                    "entails" => EntailmentLabel.Entails,
                    "contradicts" => EntailmentLabel.Contradicts,
                    "neither" => EntailmentLabel.Neither,
                    _ => throw new ClaimMlDataException(file, line, "label", $"'{label}' is not entails, contradicts or neither."),
                };
                pairs.Add(new NliPair(claim, passage, parsed, side, line));
            }
        }
        return (pairs, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static void Hash(IncrementalHash hash, string file, byte[] bytes)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
        hash.AppendData(bytes);
    }

    private static string[] Files(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] files;
        if (Directory.Exists(path))
        {
            files = Directory.GetFiles(path, "*.jsonl");
            Array.Sort(files, StringComparer.Ordinal);
            if (files.Length == 0)
            {
                throw new ClaimMlDataException(path, 0, null, "the folder holds no *.jsonl file of written pairs.");
            }
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            throw new ClaimMlDataException(path, 0, null, "no such file or folder of written pairs.");
        }
        return files;
    }

    private static string NonBlank(string file, int line, string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new ClaimMlDataException(file, line, field, "is empty.") : value;
}
