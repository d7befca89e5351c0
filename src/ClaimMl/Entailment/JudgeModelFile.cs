using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaimMl.Entailment;

/// <summary>
/// Reads a judge model file: a zip (format 1) holding <c>judge.json</c> (<see cref="JudgeManifest"/>), the
/// ONNX graph and the BERT vocabulary, each recorded in the manifest with its SHA-256. Everything is checked
/// before the judge is returned: the zip, the manifest's format, labels and window, both files' SHA-256,
/// the vocabulary, and the graph's inputs and output (<see cref="JudgeGraph"/>). Any failure is a
/// <see cref="ClaimMlModelException"/> naming the model and what is wrong. Reads only; writes no file.
/// </summary>
internal static class JudgeModelFile
{
    /// <summary>How an error message names a judge model loaded from the library's own resources.</summary>
    public const string EmbeddedDescription = "embedded judge model";

    /// <summary>Largest manifest read (a few hundred bytes in practice).</summary>
    private const long MaxManifestBytes = 1 << 20;

    /// <summary>Largest vocabulary read (BERT's is about 230 KB).</summary>
    private const long MaxVocabularyBytes = 64L << 20;

    /// <summary>Largest graph read (the fp32 MiniLM-L6 judge is about 90 MB); also what a byte array holds.</summary>
    private const long MaxGraphBytes = 2_000_000_000L;

    /// <summary>Loads and checks a judge model file.</summary>
    /// <param name="path">The judge <c>.zip</c>.</param>
    /// <param name="options">How to run it; <see cref="JudgeOptions.Default"/> when null.</param>
    /// <exception cref="ClaimMlModelException">The file is missing or is not a usable judge model; the message names the path and says why.</exception>
    public static EntailmentJudge Load(string path, JudgeOptions? options = null)
    {
        using FileStream stream = OpenFile(path);
        return Load(stream, path, options);
    }

    /// <summary>Loads and checks a judge model from a stream holding the zip (read to its end, not disposed).</summary>
    /// <param name="stream">The zip's content.</param>
    /// <param name="description">How error messages name the model, e.g. <see cref="EmbeddedDescription"/>.</param>
    /// <param name="options">How to run it; <see cref="JudgeOptions.Default"/> when null.</param>
    /// <exception cref="ClaimMlModelException">The content is not a usable judge model; the message names <paramref name="description"/> and says why.</exception>
    public static EntailmentJudge Load(Stream stream, string description, JudgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(description);
        options ??= JudgeOptions.Default;
        options.Validate();
        return ReadZip(stream, description, (zip, manifest) =>
        {
            byte[] vocabulary = ReadRecordedEntry(zip, manifest.Vocab!, "vocab", MaxVocabularyBytes, description);
            byte[] graph = ReadRecordedEntry(zip, manifest.Model!, "model", MaxGraphBytes, description);
            JudgeTokenizer tokenizer = CreateTokenizer(vocabulary, manifest, description);
            return EntailmentJudge.Create(graph, description, manifest, tokenizer, options);
        });
    }

    /// <summary>
    /// The manifest and graph of a judge model file, checked as <see cref="Load(string, JudgeOptions?)"/> checks them,
    /// without starting a session: for tools that read the weights back (the trainer's <c>--start-from</c>).
    /// </summary>
    /// <exception cref="ClaimMlModelException">The file is missing or is not a judge model; the message names the path and says why.</exception>
    internal static (JudgeManifest Manifest, byte[] Graph) ReadGraph(string path)
    {
        using FileStream stream = OpenFile(path);
        return ReadZip(stream, path, (zip, manifest) => (manifest, ReadRecordedEntry(zip, manifest.Model!, "model", MaxGraphBytes, path)));
    }

    /// <summary>Opens a judge model file; a missing path, or a folder, is a <see cref="ClaimMlModelException"/> naming it.</summary>
    private static FileStream OpenFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new ClaimMlModelException(Directory.Exists(path) ? $"Judge model '{path}' is a folder, not a judge model file." : $"Judge model file '{path}' does not exist.");
        }
        return File.OpenRead(path);
    }

    /// <summary>
    /// Opens the zip in <paramref name="stream"/> (left open), reads and checks its manifest and passes both to
    /// <paramref name="read"/>; a stream that is not a readable zip is a <see cref="ClaimMlModelException"/> naming
    /// <paramref name="description"/>.
    /// </summary>
    private static T ReadZip<T>(Stream stream, string description, Func<ZipArchive, JudgeManifest, T> read)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            JudgeManifest manifest = ReadManifest(ReadEntry(zip, JudgeManifest.EntryName, MaxManifestBytes, description), description);
            return read(zip, manifest);
        }
        catch (ClaimMlModelException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw new ClaimMlModelException($"Judge model '{description}' is not a readable judge model file (not a zip, or a damaged or truncated one): {e.Message}", e);
        }
    }

    /// <summary>Parses and checks the manifest: format, labels, window, and the two recorded files.</summary>
    internal static JudgeManifest ReadManifest(byte[] json, string description)
    {
        JsonObject root;
        JudgeManifest? manifest;
        try
        {
            root = JsonNode.Parse(json) as JsonObject
                ?? throw new ClaimMlModelException($"Judge model '{description}': {JudgeManifest.EntryName} is not a JSON object.");
            JsonNode? format = root["format"];
            if (format is not JsonValue value || !value.TryGetValue(out int number) || number != JudgeManifest.CurrentFormat)
            {
                string found = format is null ? "no format" : $"format {format.ToJsonString()}";
                throw new ClaimMlModelException($"Judge model '{description}' has {found} in {JudgeManifest.EntryName}; this version of ClaimMl reads judge model format {JudgeManifest.CurrentFormat}.");
            }
            manifest = root.Deserialize<JudgeManifest>();
        }
        catch (JsonException e)
        {
            throw new ClaimMlModelException($"Judge model '{description}': {JudgeManifest.EntryName} is not a readable judge manifest: {e.Message}", e);
        }
        if (manifest is null)
        {
            throw new ClaimMlModelException($"Judge model '{description}': {JudgeManifest.EntryName} is empty (null).");
        }
        string[] labels = manifest.Labels ?? [];
        if (!labels.AsSpan().SequenceEqual(JudgeManifest.ExpectedLabels.ToArray()))
        {
            throw new ClaimMlModelException($"Judge model '{description}' has labels {Quoted(labels)}; the judge reads {Quoted(JudgeManifest.ExpectedLabels)}, in that order.");
        }
        if (manifest.MaxTokens is < JudgeManifest.MinWindow or > JudgeManifest.MaxWindow)
        {
            throw new ClaimMlModelException($"Judge model '{description}' has maxTokens {manifest.MaxTokens}, out of range ({JudgeManifest.MinWindow} to {JudgeManifest.MaxWindow}).");
        }
        if (manifest.MaxClaimTokens < 1 || manifest.MaxClaimTokens > manifest.MaxTokens - 4)
        {
            throw new ClaimMlModelException($"Judge model '{description}' has maxClaimTokens {manifest.MaxClaimTokens}, out of range (1 to {manifest.MaxTokens - 4}: maxTokens {manifest.MaxTokens} less [CLS], two [SEP] and one passage token).");
        }
        if (manifest.Quantization is not null && !JudgeManifest.Quantizations.Contains(manifest.Quantization))
        {
            throw new ClaimMlModelException($"Judge model '{description}' has quantization '{manifest.Quantization}'; expected one of {Quoted(JudgeManifest.Quantizations)}.");
        }
        if (manifest.NumberWords is not null && !JudgeManifest.NumberWordReadings.Contains(manifest.NumberWords))
        {
            throw new ClaimMlModelException($"Judge model '{description}' has numberWords '{manifest.NumberWords}'; expected one of {Quoted(JudgeManifest.NumberWordReadings)}.");
        }
        JudgeVerdictSettings.From(manifest.Verdict, description); // throws on a setting that is not a number in range
        CheckRecordedEntry(manifest.Model, "model", description);
        CheckRecordedEntry(manifest.Vocab, "vocab", description);
        return manifest;
    }

    private static void CheckRecordedEntry(JudgeEntry? entry, string field, string description)
    {
        if (entry is null || string.IsNullOrEmpty(entry.File))
        {
            throw new ClaimMlModelException($"Judge model '{description}': {JudgeManifest.EntryName} names no '{field}' file.");
        }
        if (entry.Sha256 is not { Length: 64 } sha || !sha.All(char.IsAsciiHexDigit))
        {
            throw new ClaimMlModelException($"Judge model '{description}': {JudgeManifest.EntryName} records no valid SHA-256 for '{entry.File}' (found '{entry.Sha256}'; expected 64 hexadecimal digits).");
        }
    }

    /// <summary>Reads an entry the manifest records and checks its SHA-256.</summary>
    private static byte[] ReadRecordedEntry(ZipArchive zip, JudgeEntry entry, string field, long maxBytes, string description)
    {
        byte[] content = ReadEntry(zip, entry.File!, maxBytes, description);
        string actual = Convert.ToHexStringLower(SHA256.HashData(content));
        if (!string.Equals(actual, entry.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ClaimMlModelException($"Judge model '{description}': '{entry.File}' ({field}, {content.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes) has SHA-256 {actual}, not the {entry.Sha256!.ToLowerInvariant()} recorded in {JudgeManifest.EntryName}; the file is damaged, truncated or from another model.");
        }
        return content;
    }

    /// <summary>The whole content of an entry (decompressed), refusing one larger than <paramref name="maxBytes"/>.</summary>
    private static byte[] ReadEntry(ZipArchive zip, string name, long maxBytes, string description)
    {
        ZipArchiveEntry entry = zip.GetEntry(name)
            ?? throw new ClaimMlModelException($"Judge model '{description}' lacks its '{name}' entry; it is not a complete judge model file.");
        if (entry.Length > maxBytes)
        {
            throw new ClaimMlModelException($"Judge model '{description}': entry '{name}' is {entry.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes, more than the {maxBytes.ToString("N0", CultureInfo.InvariantCulture)} a judge model file holds there.");
        }
        // The recorded length sizes the buffer; the copy still stops past the limit, whatever the header says.
        using Stream content = entry.Open();
        using var buffer = new MemoryStream((int)entry.Length);
        byte[] chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new ClaimMlModelException($"Judge model '{description}': entry '{name}' holds more than the {maxBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes a judge model file holds there.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    private static JudgeTokenizer CreateTokenizer(byte[] vocabulary, JudgeManifest manifest, string description)
    {
        try
        {
            return JudgeTokenizer.For(new MemoryStream(vocabulary, writable: false), manifest);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or IOException)
        {
            throw new ClaimMlModelException($"Judge model '{description}': '{manifest.Vocab!.File}' is not a usable BERT vocabulary: {e.Message}", e);
        }
    }

    private static string Quoted(IEnumerable<string> labels) => "[" + string.Join(", ", labels.Select(l => $"\"{l}\"")) + "]";
}
